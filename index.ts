import { plugin } from "./lib/plugin.js";

export = plugin;
