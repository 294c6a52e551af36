import { Skeleton } from "@/components/ui/Skeleton";
import type { TileKind } from "@/lib/dashboards/types";

/** What a tile shows while its figures load: the shape of what is coming. */
export function TileSkeleton({ kind }: { kind: TileKind }) {
  return (
    <div aria-busy="true" data-testid="tile-loading" className="space-y-3">
      <Skeleton className="h-4 w-1/2" />
      <Skeleton className={kind === "funnel" ? "h-56" : kind === "note" ? "h-10" : "h-28"} />
    </div>
  );
}
