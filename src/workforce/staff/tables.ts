/** Tables owned by staff and organisation (migration 0014). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StaffTables {}
