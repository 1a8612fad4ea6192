import type { ThemeConfig } from "antd";

/**
 * antd's link blue (#1677ff) and error red (#ff4d4f) fall short of a 4.5:1 contrast on white:
 * the admin pages' link buttons and danger actions use darker shades (the brand blue).
 */
export const ADMIN_THEME: ThemeConfig = { token: { colorLink: "#1f5fbf", colorError: "#c4302b" } };

/** Solid tag colours under white text, each at least 4.5:1 (antd's light presets are not). */
export const TAG = {
  green: "#2e7d32",
  orange: "#a85100",
  red: "#c4302b",
  blue: "#1f5fbf",
  grey: "#595959",
} as const;
