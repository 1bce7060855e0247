/** Tables owned by time (issue 5). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TimeTables {}
