export { BusEnv, busConfigFrom } from "./bus.ts";
export { flag, integer, optionalString, parseEnv, port, text } from "./env.ts";
export { StoreEnv, storeConfigFrom } from "./store.ts";
