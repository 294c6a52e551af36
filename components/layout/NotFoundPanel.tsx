import { EmptyState } from "@/components/ui/EmptyState";
import { ButtonLink } from "@/components/ui/Button";

/** The 404 panel of the app and of unknown addresses: what happened and the way back (texts come from the page, already translated). */
export function NotFoundPanel({ title, body, href, link }: { title: string; body: string; href: string; link: string }) {
  return (
    <EmptyState
      testId="not-found"
      title={title}
      body={body}
      action={
        <ButtonLink href={href} data-testid="not-found-link">
          {link}
        </ButtonLink>
      }
    />
  );
}
