// Credentials: how they are made, hashed, sealed and checked. The store keeps only what this
// package gives it (password and token hashes, sealed secrets).
export { generatePassword, hashPassword, SCRYPT_PARAMS, verifyPassword } from "./passwords.ts";
export { decryptSecret, encryptSecret, type SecretKey, secretKeyId } from "./secrets.ts";
export { createSession, findSession } from "./sessions.ts";
export { authenticateSourceKey, createSource, type KeyCheck, updateSource } from "./sourceKeys.ts";
export { csrfTokenFor, hashSessionToken, SESSION_TOKEN_PREFIX } from "./tokens.ts";
export {
  type CredentialFailure,
  checkCredentials,
  createUser,
  type NewUser,
  type UserPatch,
  updateUser,
  verifyCredentials,
} from "./users.ts";
export { createWebhookSecret, readWebhookSecret } from "./webhookSecrets.ts";
