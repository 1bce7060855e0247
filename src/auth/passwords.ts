import argon2 from 'argon2';

// argon2id with the library's defaults (64 MiB, t=3, p=4): OWASP's recommended family.
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Returns a reason the password is unacceptable, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'Enter a password of at least 12 characters';
  if (password.length > 200) return 'Enter a password of at most 200 characters';
  return null;
}
