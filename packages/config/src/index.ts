export { BusEnv, busConfigFrom } from "./bus.ts";
export { flag, integer, optionalString, parseEnv, port, text } from "./env.ts";
export { isSecretKeyText, loadSecretKey, parseSecretKey, SecretKeyEnv, secretKeyFrom } from "./secretKey.ts";
export { runService, type Service, type ServiceOptions } from "./service.ts";
export { StoreEnv, storeConfigFrom } from "./store.ts";
