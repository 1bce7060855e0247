/** The parameters of the GOV.UK pagination component (govukPagination) that a numbered list uses. */
export interface PaginationParams {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current?: true } | { ellipsis: true })[];
  landmarkLabel: string;
}

/** How many pages `total` items fill at `size` a page (at least one). */
export const pageCount = (total: number, size: number): number => Math.max(1, Math.ceil(total / size));

/**
 * The pagination for a list in numbered pages: the first and last pages, the current one and its neighbours,
 * with ellipses for the gaps (the design system's guidance for long lists). Null when everything fits on one
 * page, where the component is not shown.
 */
export function pagination(page: number, pages: number, href: (page: number) => string, landmarkLabel: string): PaginationParams | null {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: PaginationParams['items'] = [];
  for (const [i, number] of shown.entries()) {
    if (i > 0 && number - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push(number === page ? { number, href: href(number), current: true } : { number, href: href(number) });
  }
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items,
    landmarkLabel,
  };
}

/** A page number from a query string: a whole number from 1 to `max`, else 1 (a link mistyped or grown stale). */
export function pageNumber(value: unknown, max: number): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return page >= 1 ? Math.min(page, max) : 1;
}
