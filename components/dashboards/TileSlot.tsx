import type { TileData, TileView } from "@/lib/dashboards/types";
import { TileContent } from "./TileContent";

/**
 * A tile's body on the server: it waits for its own data only, inside the Suspense boundary the
 * grid puts around it, so the page streams each tile when it is ready (never a rejection: the
 * reader turns failures into an error state).
 */
export async function TileSlot({ tile, data }: { tile: TileView; data: Promise<TileData> }) {
  return <TileContent tile={tile} data={await data} />;
}
