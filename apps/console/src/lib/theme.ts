import type { ThemeConfig } from "antd";

/**
 * The console's antd theme: the brand blue, and text, link and error colours that keep a 4.5:1
 * contrast on white and on the grey page (antd's defaults — secondary text at 45%, link #1677ff,
 * error #ff4d4f — do not).
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: "#1f5fbf",
    // antd lightens the primary on hover (white on it falls to ~3.5:1): darker instead.
    colorPrimaryHover: "#1a519f",
    colorPrimaryActive: "#15427f",
    colorLink: "#1f5fbf",
    colorLinkHover: "#1a519f",
    colorError: "#c4302b",
    borderRadius: 6,
    colorTextSecondary: "rgba(0, 0, 0, 0.65)",
    colorTextDescription: "rgba(0, 0, 0, 0.65)",
    colorTextTertiary: "rgba(0, 0, 0, 0.6)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.55)",
  },
};

/** Solid tag colours under white text, each at least 4.5:1 (antd's light presets are not). */
export const TAG = {
  green: "#2e7d32",
  orange: "#a85100",
  red: "#c4302b",
  blue: "#1f5fbf",
  grey: "#595959",
} as const;
