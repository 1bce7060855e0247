/** Tables owned by alleged-breaches (issue 5). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AllegedBreachTables {}
