import { PASSWORD_RULE } from "@jindu/schema/user";

// No look-alikes (0/O, 1/l/I): the admin may read it out or type it for someone.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random password comfortably above the API's minimum, from the browser's CSPRNG. */
export function generatePassword(length = Math.max(16, PASSWORD_RULE.min + 4)): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  // 256 is not a multiple of the alphabet; the small bias does not matter at this length.
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}
