/** Tables owned by the start-date forecast (filled in by migration 0010). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ForecastTables {}
