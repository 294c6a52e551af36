import { describe, it, expect } from "vitest";
import { AudienceDeadlineError, pageStream } from "./audience-export";

async function* numbers(pages: number[][], log: string[]) {
  try {
    for (const p of pages) {
      log.push(`page ${p.join(",")}`);
      yield p;
    }
  } finally {
    log.push("closed");
  }
}

describe("pageStream", () => {
  it("streams the head and every page, then ends once", async () => {
    const log: string[] = [];
    let ended = 0;
    const stream = pageStream("h\n", numbers([[1, 2], [3]], log), (p) => p.join("\n") + "\n", { deadlineMs: 60_000, onEnd: () => ended++ });
    expect(await new Response(stream).text()).toBe("h\n1\n2\n3\n");
    expect(ended).toBe(1);
    expect(log).toContain("closed");
  });

  it("ends a download nobody reads at its deadline: the reader gets an error, the slot is released, the pages are closed", async () => {
    const log: string[] = [];
    let ended = 0;
    let onEnd!: () => void;
    const done = new Promise<void>((resolve) => (onEnd = resolve));
    const stream = pageStream("h\n", numbers([[1], [2], [3]], log), (p) => p.join("\n") + "\n", {
      deadlineMs: 5,
      onEnd: () => (ended++, onEnd()),
    });
    await done;
    expect(ended).toBe(1);
    const reader = stream.getReader();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    ).rejects.toBeInstanceOf(AudienceDeadlineError);
    expect(ended).toBe(1);
  });

  it("ends once when the reader cancels", async () => {
    const log: string[] = [];
    let ended = 0;
    const stream = pageStream("", numbers([[1], [2]], log), (p) => p.join("\n"), { deadlineMs: 60_000, onEnd: () => ended++ });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(ended).toBe(1);
  });
});
