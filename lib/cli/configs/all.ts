// ESLint's worker threads (--concurrency) load their config from a file, not an object: the bin points them here.
import plugin = require("../../../index.js");

export = [plugin.configs.all];
