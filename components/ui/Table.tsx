import { cx } from "./cx";

/**
 * The one data table: a labelled `<table>` (caption, screen-reader only unless asked) inside a
 * region that scrolls sideways by itself, so a wide table on a phone never widens the page. The
 * region is focusable so keyboard users can scroll it too, and shows a shadow on the side where more columns wait. Cells: `Th` (column header, optionally
 * sortable), `RowHeader` (the row's name), `Td`; `numeric` right-aligns with tabular figures.
 */

type Density = "normal" | "roomy";
// Body cells of a roomy table get more height (set on the table, so cells need no context and the table renders on the server too).
const ROOMY = "[&_tbody_td]:py-2.5 [&_tbody_th]:py-2.5";
// First and last cells sit flush with the card's padding; the others keep 0.75rem either side.
const cell = "px-3 py-2 first:pl-0 last:pr-0";

type TableProps = Omit<React.TableHTMLAttributes<HTMLTableElement>, "children"> & {
  /** What the table shows: its caption and the scroll region's name. */
  label: string;
  /** Show the caption above the table (default: for screen readers only). */
  captionVisible?: boolean;
  /** `roomy` for rows with a second line (an interval under a rate). */
  density?: Density;
  testId?: string;
  /** Classes for the scrolling wrapper (padding, margins). */
  wrapperClassName?: string;
  children: React.ReactNode;
};

export function Table({
  label,
  captionVisible = false,
  density = "normal",
  testId,
  wrapperClassName,
  className,
  children,
  ...rest
}: TableProps) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={cx(
        "scroll-shadows max-w-full overflow-x-auto overscroll-x-contain rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500",
        wrapperClassName,
      )}
    >
      <table className={cx("w-full text-sm", density === "roomy" && ROOMY, className)} data-testid={testId} {...rest}>
        <caption className={captionVisible ? "pb-2 text-left text-sm font-medium text-slate-700" : "sr-only"}>{label}</caption>
        {children}
      </table>
    </div>
  );
}

/** The header row. */
export function THead({ children }: { children: React.ReactNode }) {
  return (
    <thead>
      <tr className="border-b border-slate-200 text-left text-xs font-medium uppercase tracking-wide text-slate-500">{children}</tr>
    </thead>
  );
}

export function TBody({ children }: { children: React.ReactNode }) {
  return <tbody>{children}</tbody>;
}

/** A body row, with a hairline under it except the last. */
export function Tr({ className, ...props }: React.HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>) {
  return <tr className={cx("border-b border-slate-100 last:border-0", className)} {...props} />;
}

export type SortDirection = "ascending" | "descending";

type ThProps = Omit<React.ThHTMLAttributes<HTMLTableCellElement>, "scope" | "children"> & {
  numeric?: boolean;
  children: React.ReactNode;
  /**
   * Makes the header a sort button: `direction` is the current order when this column sorts the
   * table (null when another column does), `label` the button's name ("Sort by Visitors").
   */
  sort?: { direction: SortDirection | null; onSort: () => void; label: string; testId?: string };
};

/** A column header (`scope="col"`); with `sort`, a button that announces the order through aria-sort. */
export function Th({ numeric, sort, className, children, ...rest }: ThProps) {
  return (
    <th
      scope="col"
      className={cx(cell, "font-medium", numeric ? "text-right" : "text-left", className)}
      aria-sort={sort ? (sort.direction ?? "none") : undefined}
      {...rest}
    >
      {sort ? (
        <button
          type="button"
          onClick={sort.onSort}
          aria-label={sort.label}
          data-testid={sort.testId}
          className="inline-flex items-center gap-1 rounded font-medium uppercase tracking-wide hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-500"
        >
          {children}
          {/* slate-500 (4.8:1) when idle and brand-600 (7:1) when active: both clear 3:1 against white. */}
          <span aria-hidden className={sort.direction ? "text-brand-600" : "text-slate-500"}>
            {sort.direction === "ascending" ? "▲" : sort.direction === "descending" ? "▼" : "↕"}
          </span>
        </button>
      ) : (
        children
      )}
    </th>
  );
}

/** The cell that names its row (`scope="row"`). */
export function RowHeader({ className, ...props }: Omit<React.ThHTMLAttributes<HTMLTableCellElement>, "scope">) {
  return <th scope="row" className={cx(cell, "text-left font-medium text-slate-800", className)} {...props} />;
}

/** A data cell; `numeric` right-aligns it with tabular figures so digits line up, and keeps a number (or an interval) on one line. */
export function Td({
  numeric,
  className,
  ...props
}: React.TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean } & Record<`data-${string}`, string | undefined>) {
  return <td className={cx(cell, numeric && "whitespace-nowrap text-right tabular-nums", className)} {...props} />;
}
