export { flag, optionalString, parseEnv, port, text } from "./env.ts";
export { StoreEnv, storeConfigFrom } from "./store.ts";
