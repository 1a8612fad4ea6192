export { BusEnv, busConfigFrom } from "./bus.ts";
export { flag, integer, optionalString, parseEnv, port, text } from "./env.ts";
export { SecretKeyEnv, secretKeyFrom } from "./secretKey.ts";
export { runService } from "./service.ts";
export { StoreEnv, storeConfigFrom } from "./store.ts";
