import { test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { LOCALES, appPages, localeContext, measureOverflow, prepareSite } from "./pages";

const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
];
const only = process.env.SHOTS_ONLY?.split(",");

test("screenshots of every page", async ({ browser, baseURL }) => {
  const dir = path.resolve("test-results/screens");
  fs.mkdirSync(dir, { recursive: true });
  const setup = await browser.newContext({ baseURL });
  const site = await prepareSite(await setup.newPage());
  const state = await setup.storageState();
  const report: string[] = [];
  for (const locale of LOCALES)
    for (const size of SIZES) {
      const signedIn = await localeContext(browser, baseURL!, locale, size, state);
      const anonymous = await localeContext(browser, baseURL!, locale, size);
      for (const p of appPages(site)) {
        if (only && !only.includes(p.name)) continue;
        const page = await (p.loggedOut ? anonymous : signedIn).newPage();
        try {
          await p.open(page);
          await page.screenshot({ path: path.join(dir, `${p.name}-${size.name}-${locale}.png`), fullPage: true });
          const o = await measureOverflow(page);
          if (o.scrollWidth > o.viewport || o.offenders.length)
            report.push(`${p.name} ${size.name} ${locale}: ${o.scrollWidth}/${o.viewport} ${o.offenders.join(" | ")}`);
        } catch (e) {
          report.push(`${p.name} ${size.name} ${locale}: FAILED ${(e as Error).message.split("\n")[0]}`);
        }
        await page.close();
        fs.writeFileSync(path.join(dir, "overflow.txt"), report.join("\n") + "\n");
      }
      await signedIn.close();
      await anonymous.close();
    }
  fs.writeFileSync(path.join(dir, "overflow.txt"), report.join("\n") + "\n");
  console.log(report.join("\n"));
});
