// Placeholder: the tables this area owns.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RoshTables {}
