import { registerMessages } from "../../i18n/index.ts";
import en from "./messages.en.json";
import zh from "./messages.zh-CN.json";

// This page loads on demand: its messages come with it, not with the board (src/i18n/index.ts).
registerMessages({ "zh-CN": zh, en });
