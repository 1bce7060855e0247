/** Tables owned by transfers (migration 0017). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TransferTables {}
