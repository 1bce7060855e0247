/** PostgreSQL's unique_violation: a concurrent insert won the race for a unique value. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === '23505';
