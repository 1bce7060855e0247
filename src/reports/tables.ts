/** Tables owned by pre-sentence reports (filled in by migration 0011). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReportTables {}
