#!/usr/bin/env node
const __goweave_import_meta_url = require("url").pathToFileURL(__filename).href;
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// weaver/src/gocmd/atomic.ts
function writeFileAtomic(path, data, mode) {
  const tmp = `${path}.tmp-${process.pid}-${(0, import_node_crypto.randomBytes)(4).toString("hex")}`;
  const opts = mode === void 0 ? void 0 : { mode };
  try {
    try {
      (0, import_node_fs.writeFileSync)(tmp, data, opts);
    } catch (err) {
      if (err.code !== "ENOENT") throw err;
      (0, import_node_fs.mkdirSync)((0, import_node_path.dirname)(path), { recursive: true });
      (0, import_node_fs.writeFileSync)(tmp, data, opts);
    }
    (0, import_node_fs.renameSync)(tmp, path);
  } catch (err) {
    (0, import_node_fs.rmSync)(tmp, { force: true });
    throw err;
  }
}
var import_node_fs, import_node_crypto, import_node_path;
var init_atomic = __esm({
  "weaver/src/gocmd/atomic.ts"() {
    "use strict";
    import_node_fs = require("node:fs");
    import_node_crypto = require("node:crypto");
    import_node_path = require("node:path");
  }
});

// weaver/src/gocmd/hash.ts
function sha256(...parts) {
  const h = (0, import_node_crypto2.createHash)("sha256");
  for (const p of parts) {
    h.update(p);
    h.update("\0");
  }
  return h.digest("hex");
}
var import_node_crypto2;
var init_hash = __esm({
  "weaver/src/gocmd/hash.ts"() {
    "use strict";
    import_node_crypto2 = require("node:crypto");
  }
});

// weaver/src/gocmd/listing.ts
function ignoredName(name) {
  return name.startsWith(".") || name.startsWith("_");
}
function visitedDir(name) {
  return !ignoredName(name) && name !== "testdata";
}
function otherInput(name) {
  return !ignoredName(name) && (OTHER_INPUT.test(name) || name === "default.pgo");
}
function goListing(dir) {
  let entries;
  try {
    entries = (0, import_node_fs2.readdirSync)(dir, { withFileTypes: true });
  } catch {
    return { hash: sha256(""), goFiles: [] };
  }
  const names = [];
  const goFiles = [];
  for (const e of entries) {
    if (e.isDirectory()) {
      if (visitedDir(e.name)) names.push(Buffer.from(e.name + "/"));
    } else if (e.name.endsWith(".go") && !ignoredName(e.name)) {
      names.push(Buffer.from(e.name));
      goFiles.push(e.name);
    } else if (otherInput(e.name)) {
      names.push(Buffer.from(e.name));
    }
  }
  names.sort(Buffer.compare);
  return { hash: sha256(names.map((n) => n.toString("utf8")).join("\n")), goFiles };
}
var import_node_fs2, OTHER_INPUT;
var init_listing = __esm({
  "weaver/src/gocmd/listing.ts"() {
    "use strict";
    import_node_fs2 = require("node:fs");
    init_hash();
    OTHER_INPUT = /\.(c|cc|cxx|cpp|m|h|hh|hpp|hxx|f|F|for|f90|s|S|sx|swig|swigcxx|syso)$/;
  }
});

// weaver/src/gocmd/dirs.ts
function readdirOrEmpty(dir) {
  try {
    return (0, import_node_fs3.readdirSync)(dir);
  } catch {
    return [];
  }
}
function moduleSources(root) {
  const out = { dirs: [], files: [] };
  const walk = (dir) => {
    out.dirs.push(dir);
    let entries;
    try {
      entries = (0, import_node_fs3.readdirSync)(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name.startsWith("_") || e.name === "testdata") continue;
      const path = (0, import_node_path2.join)(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith(".go") && !e.name.endsWith("_test.go") || e.name === "go.mod" || otherInput(e.name)) out.files.push(path);
    }
  };
  walk(root);
  return out;
}
var import_node_fs3, import_node_path2;
var init_dirs = __esm({
  "weaver/src/gocmd/dirs.ts"() {
    "use strict";
    import_node_fs3 = require("node:fs");
    import_node_path2 = require("node:path");
    init_listing();
  }
});

// weaver/src/gocmd/trim.ts
function markUsed(path, mtimeMs, now = Date.now()) {
  if (now - Number(mtimeMs) < MARK_AFTER_MS) return;
  try {
    const t = new Date(now);
    (0, import_node_fs4.utimesSync)(path, t, t);
  } catch {
  }
}
function existsMarked(path) {
  try {
    markUsed(path, (0, import_node_fs4.statSync)(path).mtimeMs);
    return true;
  } catch {
    return false;
  }
}
function lastUsed(path) {
  const st = (0, import_node_fs4.lstatSync)(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of (0, import_node_fs4.readdirSync)(path)) {
    try {
      newest = Math.max(newest, (0, import_node_fs4.lstatSync)((0, import_node_path3.join)(path, name)).mtimeMs);
    } catch {
    }
  }
  return newest;
}
function entriesOf(kindDir, kind) {
  const list = (dir) => {
    try {
      return (0, import_node_fs4.readdirSync)(dir).map((n) => (0, import_node_path3.join)(dir, n));
    } catch {
      return [];
    }
  };
  if (SHARDED.has(kind)) return list(kindDir).flatMap(list);
  if (FLAT.has(kind)) return list(kindDir);
  const marker = NESTED[kind];
  const out = [];
  const walk = (dir, depth) => {
    let entries;
    try {
      entries = (0, import_node_fs4.readdirSync)(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const p = (0, import_node_path3.join)(dir, e.name);
      if (holds(p, marker) || /\.tmp-\d+-[0-9a-f]+$/.test(e.name)) out.push(p);
      else if (depth < 12) walk(p, depth + 1);
    }
  };
  walk(kindDir, 0);
  return out;
}
function holds(dir, name) {
  try {
    (0, import_node_fs4.lstatSync)((0, import_node_path3.join)(dir, name));
    return true;
  } catch {
    return false;
  }
}
function trimWeaveCache(root, now = Date.now()) {
  const cutoff = now - UNUSED_FOR_MS;
  const res = { removed: 0, kept: 0 };
  let kinds;
  try {
    kinds = (0, import_node_fs4.readdirSync)(root);
  } catch {
    return res;
  }
  for (const kind of kinds) {
    if (!SHARDED.has(kind) && !FLAT.has(kind) && !(kind in NESTED)) continue;
    for (const entry of entriesOf((0, import_node_path3.join)(root, kind), kind)) {
      let used;
      try {
        used = lastUsed(entry);
      } catch {
        continue;
      }
      if (used >= cutoff) {
        res.kept++;
        continue;
      }
      try {
        (0, import_node_fs4.rmSync)(entry, { recursive: true, force: true });
        res.removed++;
      } catch {
        res.kept++;
      }
    }
  }
  return res;
}
function maybeTrimWeaveCache(root, now = Date.now()) {
  const stamp = (0, import_node_path3.join)(root, "trim.txt");
  let last;
  try {
    last = Number.parseInt((0, import_node_fs4.readFileSync)(stamp, "utf8"), 10) * 1e3;
  } catch {
    last = NaN;
  }
  if (Number.isFinite(last) && now - last < TRIM_EVERY_MS) return void 0;
  try {
    writeFileAtomic(stamp, `${Math.floor(now / 1e3)}
`);
  } catch {
    return void 0;
  }
  return Number.isFinite(last) ? trimWeaveCache(root, now) : void 0;
}
var import_node_fs4, import_node_path3, UNUSED_FOR_MS, TRIM_EVERY_MS, MARK_AFTER_MS, SHARDED, FLAT, NESTED;
var init_trim = __esm({
  "weaver/src/gocmd/trim.ts"() {
    "use strict";
    import_node_fs4 = require("node:fs");
    import_node_path3 = require("node:path");
    init_atomic();
    UNUSED_FOR_MS = 5 * 24 * 36e5;
    TRIM_EVERY_MS = 24 * 36e5;
    MARK_AFTER_MS = 36e5;
    SHARDED = /* @__PURE__ */ new Set(["pkg", "memo", "src", "file", "config", "plan", "overlay", "testmain", "linkdeps", "replay", "coverplan"]);
    FLAT = /* @__PURE__ */ new Set(["mod", "work", "vendorws", "launcher", "toolexec"]);
    NESTED = { modsrc: "go.mod", modlines: "go.mod", goroot: "bin" };
  }
});

// weaver/src/gocmd/parsed-json.ts
function readJsonFile(path) {
  const st = (0, import_node_fs5.statSync)(path, { bigint: true });
  markUsed(path, st.mtimeMs);
  const stamp = `${st.ino} ${st.mtimeNs} ${st.size}`;
  const known = parsed.get(path);
  if (known?.stamp === stamp) return known.value;
  const value = JSON.parse((0, import_node_fs5.readFileSync)(path, "utf8"));
  if (parsed.size >= MAX_ENTRIES) parsed.clear();
  parsed.set(path, { stamp, value });
  return value;
}
var import_node_fs5, parsed, MAX_ENTRIES;
var init_parsed_json = __esm({
  "weaver/src/gocmd/parsed-json.ts"() {
    "use strict";
    import_node_fs5 = require("node:fs");
    init_trim();
    parsed = /* @__PURE__ */ new Map();
    MAX_ENTRIES = 4096;
  }
});

// weaver/src/gocmd/cache.ts
function fileMemoIn(dir, fingerprint) {
  return dir === void 0 ? void 0 : new WeaveCache(dir).fileMemo(fingerprint);
}
var import_node_fs6, import_node_path4, LAYOUT, WeaveCache;
var init_cache = __esm({
  "weaver/src/gocmd/cache.ts"() {
    "use strict";
    import_node_fs6 = require("node:fs");
    import_node_path4 = require("node:path");
    init_atomic();
    init_dirs();
    init_trim();
    init_hash();
    init_parsed_json();
    LAYOUT = "v1";
    WeaveCache = class {
      root;
      constructor(dir) {
        this.root = (0, import_node_path4.join)(dir, LAYOUT);
      }
      unitKey(parts) {
        const fileParts = parts.files.flatMap((f) => [f.path, sha256(f.source)]);
        return sha256(LAYOUT, parts.fingerprint, parts.aspectHash, parts.importPath, parts.name ?? "", String(!!parts.standard), String(!!parts.mainModule), ...fileParts, "--targets", ...parts.targets);
      }
      manifestPath(key) {
        return (0, import_node_path4.join)(this.root, "pkg", key.slice(0, 2), key + ".json");
      }
      /** A manifest whose woven files were removed underneath it counts as a miss. */
      readManifest(key) {
        let m;
        try {
          m = readJsonFile(this.manifestPath(key));
        } catch {
          return void 0;
        }
        for (const p of Object.values(m.woven)) if (!existsMarked(p)) return void 0;
        return m;
      }
      /** A key over file stamps (path, mtime, size) that remembers the content-derived unit key. */
      quickKey(parts) {
        return sha256(LAYOUT, "quick", ...parts);
      }
      readMemo(quick) {
        try {
          const path = (0, import_node_path4.join)(this.root, "memo", quick.slice(0, 2), quick);
          const k = (0, import_node_fs6.readFileSync)(path, "utf8");
          existsMarked(path);
          return /^[0-9a-f]{64}$/.test(k) ? k : void 0;
        } catch {
          return void 0;
        }
      }
      writeMemo(quick, key) {
        writeFileAtomic((0, import_node_path4.join)(this.root, "memo", quick.slice(0, 2), quick), key);
      }
      /** Stores a woven file under the hash of its content, keeping its base name for readable paths and compiler output. */
      putSource(originalPath, source) {
        const h = sha256(source);
        const p = (0, import_node_path4.join)(this.root, "src", h.slice(0, 2), h, (0, import_node_path4.basename)(originalPath));
        if (!existsMarked(p)) writeFileAtomic(p, source);
        return p;
      }
      /** Written after the woven files it names, so a visible manifest is always complete. */
      writeManifest(key, m) {
        writeFileAtomic(this.manifestPath(key), JSON.stringify(m));
      }
      /** A small generated file (overlay JSON, go.mod copy) at a path named by its content. */
      putGenerated(kind, name, content) {
        const h = sha256(kind, name, content);
        const p = (0, import_node_path4.join)(this.root, kind, h.slice(0, 2), h, name);
        if (!existsMarked(p)) writeFileAtomic(p, content);
        return p;
      }
      /**
       * The core's per-file memo, under `file/`: one JSON entry per woven file of a large package,
       * keyed by the core's key and the weaver's fingerprint. Unreadable entries are misses.
       */
      fileMemo(fingerprint) {
        const path = (key) => {
          const h = sha256(LAYOUT, "file", fingerprint, key);
          return (0, import_node_path4.join)(this.root, "file", h.slice(0, 2), h + ".json");
        };
        return {
          get: (key) => {
            try {
              const p = path(key);
              const value = JSON.parse((0, import_node_fs6.readFileSync)(p, "utf8"));
              existsMarked(p);
              return value;
            } catch {
              return void 0;
            }
          },
          set: (key, value) => writeFileAtomic(path(key), JSON.stringify(value))
        };
      }
      /**
       * Removes everything but the directories `go-weave shellenv` put on shells' PATH (v1/bin):
       * they hold two small scripts and no weave result, and a shell that lost them would build
       * with the plain go from then on without a word.
       */
      clean() {
        for (const name of readdirOrEmpty(this.root)) if (name !== "bin") (0, import_node_fs6.rmSync)((0, import_node_path4.join)(this.root, name), { recursive: true, force: true });
        if (readdirOrEmpty(this.root).length === 0) (0, import_node_fs6.rmSync)(this.root, { recursive: true, force: true });
      }
    };
  }
});

// weaver/src/gocmd/core.ts
function asLocated(err) {
  if (err && typeof err === "object" && "message" in err) {
    const e = err;
    return {
      message: String(e.message),
      file: typeof e.file === "string" ? e.file : void 0,
      line: typeof e.line === "number" ? e.line : void 0,
      col: typeof e.col === "number" ? e.col : void 0
    };
  }
  return { message: String(err) };
}
var init_core = __esm({
  "weaver/src/gocmd/core.ts"() {
    "use strict";
  }
});

// weaver/src/errors.ts
function isWeaveError(e) {
  return e instanceof Error && e.name === "WeaveError";
}
function formatLocation(where) {
  if (!where?.file) return "";
  let s = where.file;
  if (where.line) s += `:${where.line}`;
  if (where.line && where.col) s += `:${where.col}`;
  return s + ": ";
}
var WeaveError;
var init_errors = __esm({
  "weaver/src/errors.ts"() {
    "use strict";
    WeaveError = class extends Error {
      file;
      line;
      col;
      detail;
      constructor(detail, where) {
        super(formatLocation(where) + detail);
        this.name = "WeaveError";
        this.detail = detail;
        this.file = where?.file;
        this.line = where?.line;
        this.col = where?.col;
      }
    };
  }
});

// weaver/src/gocmd/args.ts
function flagName(arg) {
  if (!arg.startsWith("-") || arg === "-" || arg === "--") return void 0;
  const body = arg.replace(/^--?/, "");
  const eq = body.indexOf("=");
  if (eq >= 0) return { name: body.slice(0, eq), inline: body.slice(eq + 1) };
  return { name: body };
}
function parseGoArgs(subcommand, args) {
  const flags = [];
  const packages = [];
  const rest = [];
  const out = { subcommand, flags, packages, rest, graphFlags: [] };
  let i = 0;
  let seenPackages = false;
  let packagesDone = false;
  while (i < args.length) {
    const arg = args[i];
    if (arg === "-args" || arg === "--args") {
      rest.push(...args.slice(i));
      break;
    }
    const f = flagName(arg);
    if (subcommand === "run" && seenPackages && (f || !arg.endsWith(".go") || !packages.every((q) => q.endsWith(".go")))) {
      rest.push(...args.slice(i));
      break;
    }
    if (!f) {
      if (arg === "--") {
        rest.push(...args.slice(i));
        break;
      }
      if (packagesDone) {
        rest.push(arg);
        i++;
        continue;
      }
      packages.push(arg);
      seenPackages = true;
      rest.push(arg);
      i++;
      continue;
    }
    if (seenPackages) packagesDone = true;
    const name = f.name.startsWith("test.") ? f.name.slice(5) : f.name;
    const raw = [arg];
    let value = f.inline;
    if (value === void 0 && VALUE_FLAGS.has(name) && i + 1 < args.length) {
      value = args[i + 1];
      raw.push(value);
    }
    i += raw.length;
    const flag = { name, raw, value };
    flags.push(flag);
    if (name === "C" && flags.length === 1) out.chdir = value;
    else if (name === "overlay") out.userOverlay = value;
    else if (name === "modfile") out.userModfile = value;
    else {
      if (GRAPH_FLAGS.has(name)) out.graphFlags.push(...raw);
      rest.push(...raw);
    }
  }
  return out;
}
function goflagsOf(s) {
  return (s ?? "").split(/\s+/).filter(Boolean).map((raw) => {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(raw);
    return m ? { name: m[1], raw: [raw], value: m[2] } : { name: raw, raw: [raw] };
  });
}
function boolFlagOn(name, parsed2, goflags) {
  let on = false;
  const set = (value) => {
    on = value === void 0 || value === "true" || value === "1" || value === "t" || value === "T" || value === "TRUE" || value === "True";
  };
  for (const f of (goflags ?? "").split(/\s+/)) {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(f);
    if (m && m[1] === name) set(m[2]);
  }
  for (const f of parsed2.flags) if (f.name === name) set(f.value);
  return on;
}
var VALUE_FLAGS, GRAPH_FLAGS, WOVEN_SUBCOMMANDS;
var init_args = __esm({
  "weaver/src/gocmd/args.ts"() {
    "use strict";
    VALUE_FLAGS = /* @__PURE__ */ new Set([
      "C",
      "p",
      "covermode",
      "coverpkg",
      "asmflags",
      "buildmode",
      "compiler",
      "gccgoflags",
      "gcflags",
      "installsuffix",
      "ldflags",
      "mod",
      "modfile",
      "overlay",
      "pgo",
      "pkgdir",
      "tags",
      "toolexec",
      "o",
      "exec",
      "bench",
      "benchtime",
      "blockprofile",
      "blockprofilerate",
      "count",
      "coverprofile",
      "cpu",
      "cpuprofile",
      "fuzz",
      "fuzzminimizetime",
      "fuzztime",
      "list",
      "memprofile",
      "memprofilerate",
      "mutexprofile",
      "mutexprofilefraction",
      "outputdir",
      "parallel",
      "run",
      "skip",
      "shuffle",
      "timeout",
      "trace",
      "vet",
      "vettool",
      "debug-actiongraph",
      "debug-deriveshash",
      "debug-trace",
      "debug-runtime-trace"
    ]);
    GRAPH_FLAGS = /* @__PURE__ */ new Set([
      "tags",
      "race",
      "msan",
      "asan",
      "cover",
      "covermode",
      "coverpkg",
      "mod",
      "pgo",
      "buildmode",
      "compiler",
      "linkshared"
    ]);
    WOVEN_SUBCOMMANDS = /* @__PURE__ */ new Set(["build", "install", "run", "test", "vet"]);
  }
});

// weaver/src/gocmd/env.ts
function goBinary(env) {
  return env.GOWEAVE_GO || "go";
}
function absoluteGo(go, env) {
  if ((0, import_node_path7.isAbsolute)(go)) return go;
  if (go.includes("/")) return (0, import_node_path7.resolve)(go);
  for (const dir of (env.PATH ?? "").split(import_node_path7.delimiter)) {
    const p = (0, import_node_path7.join)(dir || ".", go);
    if (isExecutableFile(p)) return (0, import_node_path7.resolve)(p);
  }
  return void 0;
}
function isExecutableFile(path) {
  try {
    const st = (0, import_node_fs9.statSync)(path);
    return st.isFile() && (st.mode & 73) !== 0;
  } catch {
    return false;
  }
}
function weaveCacheDir(env) {
  if (env.GOWEAVE_CACHE) return (0, import_node_path7.resolve)(env.GOWEAVE_CACHE);
  return (0, import_node_path7.join)(userCacheDir(env), "go-weave");
}
function userCacheDir(env) {
  switch (process.platform) {
    case "win32":
      if (env.LocalAppData) return env.LocalAppData;
      break;
    case "darwin":
      return (0, import_node_path7.join)(env.HOME || (0, import_node_os.homedir)(), "Library", "Caches");
    default:
      if (env.XDG_CACHE_HOME) return env.XDG_CACHE_HOME;
  }
  return (0, import_node_path7.join)(env.HOME || (0, import_node_os.homedir)(), ".cache");
}
var import_node_fs9, import_node_os, import_node_path7;
var init_env = __esm({
  "weaver/src/gocmd/env.ts"() {
    "use strict";
    import_node_fs9 = require("node:fs");
    import_node_os = require("node:os");
    import_node_path7 = require("node:path");
  }
});

// weaver/src/gocmd/lazyconfig.ts
function stampOf2(path) {
  try {
    const st = (0, import_node_fs17.statSync)(path);
    return [path, st.mtimeMs, st.size];
  } catch {
    return [path, -1, -1];
  }
}
function refKey(ref) {
  return `${ref.importPath}\0${ref.name ?? ""}\0${ref.standard ? 1 : 0}\0${ref.mainModule ? 1 : 0}`;
}
function filesOf(a) {
  const files = a.files;
  return Array.isArray(files) ? files.filter((f) => typeof f === "string") : [];
}
var import_node_fs17, import_node_path17, LazyConfig;
var init_lazyconfig = __esm({
  "weaver/src/gocmd/lazyconfig.ts"() {
    "use strict";
    import_node_fs17 = require("node:fs");
    import_node_path17 = require("node:path");
    init_atomic();
    init_hash();
    init_parsed_json();
    LazyConfig = class {
      constructor(core2, opts, cache, watch2, salt = "") {
        this.core = core2;
        this.opts = opts;
        this.watch = watch2;
        const key = sha256("config", core2.fingerprint, opts.configPath ?? "", opts.moduleRoot ?? "", salt);
        this.path = (0, import_node_path17.join)(cache.root, "config", key.slice(0, 2), key + ".json");
        try {
          const e = readJsonFile(this.path);
          if (e.stamps.every(([p, m, s]) => {
            const [, m2, s2] = stampOf2(p);
            return m === m2 && s === s2;
          })) this.entry = { ...e, verdicts: { ...e.verdicts } };
        } catch {
        }
      }
      core;
      opts;
      watch;
      loaded;
      entry;
      dirty = false;
      path;
      /** Loads (once) and returns the aspect set; errors surface as the core throws them. */
      aspects() {
        this.loaded ??= this.revived() ?? this.core.loadConfig(this.opts).then((a) => {
          const hash = this.core.aspectSetHash(a);
          if (!this.entry || this.entry.hash !== hash) {
            const files = [.../* @__PURE__ */ new Set([...filesOf(a), ...this.watch])];
            this.entry = { stamps: files.map(stampOf2), hash, verdicts: {}, testMainOnly: this.core.testMainOnlyAspects?.(a) ?? [] };
            this.dirty = true;
          }
          if (this.core.revive) writeFileAtomic(this.setPath(), JSON.stringify({ hash, set: a }));
          return a;
        });
        return this.loaded;
      }
      setPath() {
        return this.path.replace(/\.json$/, ".set.json");
      }
      /** The set saved by the run that last loaded these (unchanged) files, if the core can revive it. */
      revived() {
        if (!this.core.revive || !this.entry) return void 0;
        try {
          const saved = readJsonFile(this.setPath());
          if (saved.hash !== this.entry.hash || saved.set === void 0) return void 0;
          return this.core.revive(saved.set);
        } catch {
          return void 0;
        }
      }
      async hash() {
        if (!this.entry) await this.aspects();
        return this.entry.hash;
      }
      async testMainOnly() {
        if (!this.entry) await this.aspects();
        return this.entry.testMainOnly ?? [];
      }
      async mayMatch(ref) {
        const k = refKey(ref);
        const known = this.entry?.verdicts[k];
        if (known !== void 0) return known;
        const v = this.core.packageMayMatch(await this.aspects(), ref);
        this.entry.verdicts[k] = v;
        this.dirty = true;
        return v;
      }
      /** The files the configuration was read from (and the watched ones): what its hash depends on. */
      files() {
        return [.../* @__PURE__ */ new Set([...this.entry?.stamps.map((st) => st[0]) ?? [], ...this.watch])];
      }
      save() {
        if (this.dirty && this.entry) writeFileAtomic(this.path, JSON.stringify(this.entry));
        this.dirty = false;
      }
    };
  }
});

// weaver/src/gocmd/coverweave.ts
var coverweave_exports = {};
__export(coverweave_exports, {
  coverPlan: () => coverPlan,
  coverWeave: () => coverWeave,
  covers: () => covers,
  parseCoverArgs: () => parseCoverArgs,
  splitQuoted: () => splitQuoted,
  toolexecFlag: () => toolexecFlag,
  toolexecScript: () => toolexecScript,
  writeCoverFiles: () => writeCoverFiles
});
function covers(parsed2, goflags) {
  const given = [...goflagsOf(goflags), ...parsed2.flags].map((f) => f.name);
  if (given.includes("coverpkg") || given.includes("covermode")) return true;
  if (parsed2.subcommand === "test" && given.includes("coverprofile")) return true;
  return boolFlagOn("cover", parsed2, goflags);
}
function coverPlan(units, overlay, at) {
  const out = { units: [], woven: {} };
  for (const u of units) {
    const mine = u.targets.filter((f) => overlay.has(f) && !f.endsWith("_test.go"));
    if (mine.length === 0) continue;
    let placed = false;
    for (const f of mine) {
      const path = at(f);
      if (path === void 0) continue;
      if (!placed) out.units.push({ ref: u.ref, files: u.files });
      placed = true;
      out.woven[path] = out.units.length - 1;
    }
  }
  return out;
}
function toolexecScript(self, fingerprint) {
  return `#!/bin/sh
# go-weave's -toolexec for a build that covers packages: the go command hands cover the original
# files, not the overlay's woven ones, so go-weave weaves what cover writes. Other tools run as
# they are. Arguments: PLAN N, the N words of the user's own -toolexec, the tool, its arguments.
plan=$1 n=$2
shift 2
eval "tool=\\\${$((n + 1))}"
case \${tool##*/} in
cover | cover.exe) ;;
*) exec "$@" ;;
esac
eval "first=\\\${$((n + 2)):-}"
if [ "$first" = -V=full ]; then
  # The go command puts this answer into the action ID of every covered package.
  line=$("$@") || exit
  case $line in
  *buildID=*) printf '%s\\n' "$line" ;;
  *) printf '%s go-weave/%s\\n' "$line" ${quoteSh(fingerprint.slice(0, 16))} ;;
  esac
  exit 0
fi
exec ${self.map(quoteSh).join(" ")} __cover-weave "$plan" "$n" "$@"
`;
}
function writeCoverFiles(cache, self, fingerprint, plan2) {
  const script = toolexecScript(self, fingerprint);
  const scriptPath = (0, import_node_path19.join)(cache.root, "toolexec", sha256("toolexec", script).slice(0, 32), "go-weave-toolexec");
  if (!existsMarked(scriptPath)) {
    writeFileAtomic(scriptPath, script, 493);
    (0, import_node_fs20.chmodSync)(scriptPath, 493);
  }
  return { script: scriptPath, plan: cache.putGenerated("coverplan", "plan.json", JSON.stringify(plan2)) };
}
function quoteWord(s) {
  if (!/[\s'"]/.test(s)) return s;
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"')) return `"${s}"`;
  throw new Error(`go-weave: cannot pass the path ${s} to -toolexec (it holds both kinds of quote)`);
}
function splitQuoted(s) {
  const out = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const m of s.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}
function toolexecFlag(parsed2, goflags, script, plan2) {
  const theirs = [...goflagsOf(goflags), ...parsed2.flags].filter((f) => f.name === "toolexec");
  const words = splitQuoted(theirs.at(-1)?.value ?? "");
  const rest = [...parsed2.rest];
  for (const f of parsed2.flags.filter((x) => x.name === "toolexec")) {
    const i = rest.findIndex((_, j) => f.raw.every((r, k) => rest[j + k] === r));
    if (i >= 0) rest.splice(i, f.raw.length);
  }
  return { flag: `-toolexec=${[script, plan2, String(words.length), ...words].map(quoteWord).join(" ")}`, rest };
}
function parseCoverArgs(args) {
  let outfileList;
  let i = 0;
  while (i < args.length && args[i].startsWith("-")) {
    const [name, inline] = args[i].replace(/^--?/, "").split(/=(.*)/s, 2);
    const value = inline ?? args[i + 1];
    if (name === "outfilelist") outfileList = value;
    i += inline === void 0 && ["pkgcfg", "mode", "var", "outfilelist", "o"].includes(name) ? 2 : 1;
  }
  return outfileList === void 0 ? void 0 : { outfileList, infiles: args.slice(i) };
}
async function coverWeave(core2, argv) {
  try {
    return await coverAndWeave(core2, argv);
  } catch (err) {
    const { message } = asLocated(err);
    process.stderr.write(`${message.startsWith("go-weave:") ? "" : "go-weave: "}${message}
`);
    return 1;
  }
}
async function coverAndWeave(core2, argv) {
  const [planPath, n, ...command] = argv;
  const toolAt = Number(n);
  const coverArgs = command.slice(toolAt + 1);
  const plan2 = JSON.parse((0, import_node_fs20.readFileSync)(planPath, "utf8"));
  const parsed2 = parseCoverArgs(coverArgs);
  const inputsAt = parsed2 ? coverArgs.length - parsed2.infiles.length : coverArgs.length;
  const run = [...command.slice(0, toolAt + 1), ...coverArgs.map((a, i) => i >= inputsAt ? plan2.added[a] ?? a : a)];
  const r = (0, import_node_child_process2.spawnSync)(run[0], run.slice(1), { stdio: "inherit" });
  if (r.error) throw new Error(`go-weave: cannot run ${run[0]}: ${r.error.message}`);
  if (r.status !== 0) return r.status ?? 1;
  if (!parsed2) return 0;
  const outputs = (0, import_node_fs20.readFileSync)(parsed2.outfileList, "utf8").split("\n").filter(Boolean).slice(1);
  if (outputs.length !== parsed2.infiles.length) throw new Error(`go-weave: cover wrote ${outputs.length} files for ${parsed2.infiles.length} inputs (${parsed2.outfileList})`);
  const outputOf = new Map(parsed2.infiles.map((f, i) => [f, outputs[i]]));
  const byUnit = /* @__PURE__ */ new Map();
  for (const f of parsed2.infiles) {
    const u = plan2.woven[f];
    if (u !== void 0) byUnit.set(u, [...byUnit.get(u) ?? [], f]);
  }
  if (byUnit.size === 0) return 0;
  const cache = new WeaveCache(plan2.cacheDir);
  const config = new LazyConfig(core2, { configPath: plan2.config.configPath, moduleRoot: plan2.config.moduleRoot }, cache, plan2.config.watch, plan2.config.salt);
  if (await config.hash() !== plan2.aspectHash) throw new Error("go-weave: the aspect configuration changed while the build ran; build again");
  const aspects = await config.aspects();
  for (const [u, files] of byUnit) {
    const unit = plan2.units[u];
    const source = (p) => (0, import_node_fs20.readFileSync)(outputOf.get(p) ?? plan2.sources[p] ?? p, "utf8");
    const result = await core2.weavePackage(aspects, { ...unit.ref, files: unit.files.map((p) => ({ path: p, source: source(p) })) });
    for (const f of files) {
      const woven = result.files.find((x) => x.path === f);
      if (!woven?.changed) throw new Error(`go-weave: ${f}: its coverage-instrumented form matched none of the join points its own form did`);
      writeFileAtomic(outputOf.get(f), woven.source);
    }
  }
  return 0;
}
var import_node_child_process2, import_node_fs20, import_node_path19, quoteSh;
var init_coverweave = __esm({
  "weaver/src/gocmd/coverweave.ts"() {
    "use strict";
    import_node_child_process2 = require("node:child_process");
    import_node_fs20 = require("node:fs");
    import_node_path19 = require("node:path");
    init_args();
    init_atomic();
    init_cache();
    init_core();
    init_hash();
    init_lazyconfig();
    init_trim();
    quoteSh = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  }
});

// weaver/src/gocmd/shim.ts
function goShimScript(node, entry, realGo, writtenBy) {
  const q = shellQuote;
  const valueFlags = VALUE_FLAGS2.flatMap((f) => [`-${f}`, `--${f}`]).join("|");
  return `${SHIM_HEAD}${writtenBy}.
real_go=${q(realGo)}
case "$1" in
  build|test|vet) ;;
  install|run)
    sub="$1"; first=1; skip=0
    for a in "$@"; do
      if [ "$first" = 1 ]; then first=0; continue; fi
      if [ "$skip" = 1 ]; then skip=0; continue; fi
      case "$a" in
        ${valueFlags}) skip=1 ;;
        -*) ;;
        *@*) exec "$real_go" "$@" ;;
        *) if [ "$sub" = run ]; then break; fi ;;
      esac
    done ;;
  *) exec "$real_go" "$@" ;;
esac
GOWEAVE_GO="$real_go" GOWEAVE_NODE=${q(node)} exec ${q(entry)} go "$@"
`;
}
function writeGoShim(dir, node, entry, realGo, writtenBy) {
  writeFileAtomic((0, import_node_path29.join)(dir, "go"), goShimScript(node, entry, realGo, writtenBy), 493);
}
function isGoShim(path) {
  try {
    const head = (0, import_node_fs31.readFileSync)(path).subarray(0, 256).toString("latin1");
    return head.startsWith(SHIM_HEAD) && head.split("\n")[1].includes("go-weave");
  } catch {
    return false;
  }
}
function shellQuote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
var import_node_fs31, import_node_path29, VALUE_FLAGS2, SHIM_HEAD;
var init_shim = __esm({
  "weaver/src/gocmd/shim.ts"() {
    "use strict";
    import_node_fs31 = require("node:fs");
    import_node_path29 = require("node:path");
    init_atomic();
    VALUE_FLAGS2 = ["C", "o", "p", "asmflags", "buildmode", "compiler", "covermode", "coverpkg", "exec", "gccgoflags", "gcflags", "installsuffix", "ldflags", "mod", "modfile", "overlay", "pgo", "pkgdir", "tags", "toolexec"];
    SHIM_HEAD = "#!/bin/sh\n# Written by ";
  }
});

// weaver/src/cli/shellenv-command.ts
var shellenv_command_exports = {};
__export(shellenv_command_exports, {
  shellenvCommand: () => shellenvCommand
});
function shellenvCommand(args, env, out) {
  const unknown = args.find((a) => a !== "--go");
  if (unknown !== void 0) throw new WeaveError(`shellenv: unknown argument "${unknown}" (expected --go or nothing)`);
  const withGo = args.includes("--go");
  if (process.platform === "win32") throw new WeaveError("shellenv prints a line for POSIX shells (sh, bash, zsh), and go-weave has no shell entry on Windows: run go-weave through node_modules\\.bin instead");
  const entry = entryScript(env);
  const binRoot = (0, import_node_path30.join)(weaveCacheDir(env), "v1", "bin");
  const realGo = withGo ? realGoOnPath(env, binRoot) : "";
  const dir = (0, import_node_path30.join)(binRoot, sha256([entry, process.execPath, realGo].join("\0")).slice(0, 16));
  (0, import_node_fs32.mkdirSync)(dir, { recursive: true });
  replaceWithSymlink((0, import_node_path30.join)(dir, "go-weave"), entry);
  if (withGo) writeGoShim(dir, process.execPath, entry, realGo, "go-weave shellenv");
  const q = shellQuote(dir);
  out(`case ":$PATH:" in *:${q}:*) ;; *) PATH=${q}:"$PATH" ;; esac; export PATH
`);
  return 0;
}
function entryScript(env) {
  const candidates = [env.GOWEAVE_ENTRY, process.argv[1] ? (0, import_node_path30.join)((0, import_node_path30.dirname)(process.argv[1]), "go-weave") : void 0];
  for (const c of candidates) {
    if (!c) continue;
    try {
      const real = (0, import_node_fs32.realpathSync)(c);
      if (!real.endsWith(".cjs") && !real.endsWith(".js") && !real.endsWith(".ts")) return real;
    } catch {
    }
  }
  throw new WeaveError("shellenv: cannot find the go-weave command (dist/weaver/go-weave of the go-weave package); run it as go-weave shellenv from an installed go-weave");
}
function realGoOnPath(env, binRoot) {
  if (env.GOWEAVE_GO) {
    const go = absoluteGo(env.GOWEAVE_GO, env);
    if (!go || !isExecutableFile(go)) throw new WeaveError(`shellenv --go: GOWEAVE_GO=${env.GOWEAVE_GO} is not an executable file (expected the go command to put go-weave in front of)`);
    return go;
  }
  const ours = (0, import_node_path30.resolve)(binRoot) + import_node_path30.sep;
  for (const d of (env.PATH ?? "").split(import_node_path30.delimiter)) {
    const go = (0, import_node_path30.join)((0, import_node_path30.resolve)(d || "."), "go");
    if (!isExecutableFile(go) || ((0, import_node_path30.resolve)(d || ".") + import_node_path30.sep).startsWith(ours) || isGoShim(go)) continue;
    return go;
  }
  throw new WeaveError("shellenv --go: no go command on PATH (install Go, or set GOWEAVE_GO to the go binary to put go-weave in front of)");
}
function replaceWithSymlink(path, target) {
  const tmp = `${path}.${process.pid}.tmp`;
  (0, import_node_fs32.rmSync)(tmp, { force: true });
  (0, import_node_fs32.symlinkSync)(target, tmp);
  try {
    (0, import_node_fs32.renameSync)(tmp, path);
  } catch (err) {
    (0, import_node_fs32.rmSync)(tmp, { force: true });
    throw err;
  }
}
var import_node_fs32, import_node_path30;
var init_shellenv_command = __esm({
  "weaver/src/cli/shellenv-command.ts"() {
    "use strict";
    import_node_fs32 = require("node:fs");
    import_node_path30 = require("node:path");
    init_errors();
    init_env();
    init_hash();
    init_shim();
  }
});

// weaver/src/gocmd/pool-worker.ts
var import_node_worker_threads = require("node:worker_threads");
init_cache();
init_core();

// weaver/src/gocmd/fingerprint.ts
var import_node_fs7 = require("node:fs");
var import_node_path5 = require("node:path");
var import_node_url = require("node:url");
init_hash();
var memo;
function weaverFingerprint() {
  if (memo) return memo;
  if (typeof __filename === "string" && __filename.endsWith(".cjs")) {
    memo = bundleFingerprint((0, import_node_path5.dirname)(__filename));
    return memo;
  }
  const src = (0, import_node_path5.resolve)((0, import_node_path5.dirname)((0, import_node_url.fileURLToPath)(__goweave_import_meta_url)), "..");
  const parts = [];
  const walk = (dir) => {
    for (const name of (0, import_node_fs7.readdirSync)(dir).sort()) {
      const p = (0, import_node_path5.join)(dir, name);
      if ((0, import_node_fs7.statSync)(p).isDirectory()) walk(p);
      else if (name.endsWith(".ts")) parts.push(p.slice(src.length), sha256((0, import_node_fs7.readFileSync)(p)));
    }
  };
  walk(src);
  memo = sha256("src", ...parts);
  return memo;
}
function bundleFingerprint(dir) {
  return sha256("bundle", ...BUNDLE_FILES.map((f) => (0, import_node_fs7.readFileSync)((0, import_node_path5.join)(dir, f))));
}
var BUNDLE_FILES = ["go-weave.cjs", "go-weave-core.cjs"];

// weaver/src/gocmd/pool-protocol.ts
var POOL_WORKER_KIND = "go-weave-weaving-worker";
function isPoolWorkerData(d) {
  return !!d && typeof d === "object" && d.kind === POOL_WORKER_KIND;
}

// weaver/src/gocmd/pool-worker.ts
function isPoolWorker() {
  return !import_node_worker_threads.isMainThread && isPoolWorkerData(import_node_worker_threads.workerData);
}
function runPoolWorker() {
  const port = import_node_worker_threads.parentPort;
  if (!port || !isPoolWorkerData(import_node_worker_threads.workerData)) throw new Error("go-weave: runPoolWorker outside a weaving worker");
  const post = (m) => port.postMessage(m);
  const opts = import_node_worker_threads.workerData.configOpts;
  const core2 = Promise.resolve().then(() => require("./go-weave-core.cjs"));
  const shared = import_node_worker_threads.workerData.aspects;
  let chain = core2.then(({ loadConfig }) => shared ?? loadConfig(opts)).then(
    async (aspects) => {
      post({ type: "ready", aspectHash: (await core2).aspectSetHash(aspects), fingerprint: weaverFingerprint() });
      return aspects;
    },
    (err) => {
      post({ type: "failed", error: asLocated(err) });
      return void 0;
    }
  );
  port.on("message", (req) => {
    chain = chain.then(async (aspects) => {
      if (!aspects) return aspects;
      try {
        post({ type: "done", id: req.id, result: await (await core2).weavePackage(aspects, req.input, fileMemoIn(req.memoDir, weaverFingerprint())) });
      } catch (err) {
        post({ type: "error", id: req.id, error: asLocated(err) });
      }
      return aspects;
    });
  });
}

// weaver/src/cli/main.ts
init_errors();

// weaver/src/gocmd/index.ts
var import_node_fs30 = require("node:fs");
var import_node_os5 = require("node:os");
var import_node_perf_hooks2 = require("node:perf_hooks");
var import_node_path28 = require("node:path");
init_args();

// weaver/src/assets.ts
var import_node_fs8 = require("node:fs");
var import_node_path6 = require("node:path");
var import_node_url2 = require("node:url");
function assetPath(rel) {
  const marker = rel === "aspects" ? "default.yml" : rel === "runtime" || rel === "launcher" ? "go.mod" : "";
  for (const root of candidateRoots()) {
    const p = (0, import_node_path6.join)(root, rel);
    if ((0, import_node_fs8.existsSync)((0, import_node_path6.join)(p, marker))) return p;
  }
  throw new Error(`go-weave: cannot find its data file "${rel}" (set GOWEAVE_ASSETS to the directory that holds it)`);
}
function candidateRoots() {
  const roots = [];
  if (process.env.GOWEAVE_ASSETS) roots.push((0, import_node_path6.resolve)(process.env.GOWEAVE_ASSETS));
  const here = moduleDir();
  roots.push(here, (0, import_node_path6.resolve)(here, ".."));
  const repo = (0, import_node_path6.resolve)(here, "..", "..");
  roots.push((0, import_node_path6.join)(repo, "weaver"), repo, (0, import_node_path6.join)(repo, "node_modules", "tree-sitter-go"), (0, import_node_path6.join)(repo, "node_modules", "web-tree-sitter"));
  return roots;
}
function moduleDir() {
  if (typeof __dirname === "string") return __dirname;
  return (0, import_node_path6.dirname)((0, import_node_url2.fileURLToPath)(__goweave_import_meta_url));
}

// weaver/src/gocmd/index.ts
init_cache();

// weaver/src/gocmd/diff.ts
function editScript(a, b) {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x2 = k === -d || k !== d && v[offset + k - 1] < v[offset + k + 1] ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y2 = x2 - k;
      while (x2 < n && y2 < m && a[x2] === b[y2]) {
        x2++;
        y2++;
      }
      v[offset + k] = x2;
      if (x2 >= n && y2 >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push(v.slice());
  const ops = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    v = trace[d];
    const k = x - y;
    const prevK = k === -d || k !== d && v[offset + k - 1] < v[offset + k + 1] ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: " ", line: a[--x] });
      y--;
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: "+", line: b[--y] });
    else ops.push({ kind: "-", line: a[--x] });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: " ", line: a[--x] });
    y--;
  }
  return ops.reverse();
}
function splitLines(s) {
  const lines = s.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
function unifiedDiff(oldName, newName, oldText, newText, opts = {}) {
  const context = opts.context ?? 3;
  const shown = splitLines(oldText);
  const a = opts.compared === void 0 ? shown : splitLines(opts.compared);
  const b = splitLines(newText);
  const ops = editScript(a, b);
  if (opts.compared !== void 0) {
    let line = 0;
    for (const o of ops) if (o.kind !== "+") o.line = shown[line++] ?? o.line;
  }
  if (ops.every((o) => o.kind === " ")) return "";
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  const posA = [];
  const posB = [];
  let ia = 0;
  let ib = 0;
  for (const o of ops) {
    posA.push(ia);
    posB.push(ib);
    if (o.kind !== "+") ia++;
    if (o.kind !== "-") ib++;
  }
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === " ") {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    for (; ; ) {
      while (end < ops.length && ops[end].kind !== " ") end++;
      let j = end;
      while (j < ops.length && ops[j].kind === " " && j - end < 2 * context) j++;
      if (j < ops.length && ops[j].kind !== " ") end = j;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const hunk = ops.slice(start, stop);
    const aCount = hunk.filter((o) => o.kind !== "+").length;
    const bCount = hunk.filter((o) => o.kind !== "-").length;
    const aStart = aCount === 0 ? posA[start] : posA[start] + 1;
    const bStart = bCount === 0 ? posB[start] : posB[start] + 1;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const o of hunk) out.push(o.kind + o.line);
    i = stop;
  }
  return out.join("\n") + "\n";
}

// weaver/src/gocmd/index.ts
init_env();

// weaver/src/gocmd/exec.ts
var import_node_child_process = require("node:child_process");

// weaver/src/gocmd/usage.ts
var UsageError = class extends Error {
  constructor(message, located) {
    super(message);
    this.located = located;
    this.name = "UsageError";
  }
  located;
};

// weaver/src/gocmd/exec.ts
function capture(cmd, args, opts) {
  return new Promise((resolveP, reject) => {
    const child = (0, import_node_child_process.spawn)(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on("error", (e) => {
      reject(e.code === "ENOENT" ? notFound(cmd) : e);
    });
    child.on("close", (code, signal) => {
      resolveP({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}
function runAttached(cmd, args, opts) {
  return new Promise((resolveP, reject) => {
    const child = (0, import_node_child_process.spawn)(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: "inherit" });
    const forward = (sig) => () => {
      child.kill(sig);
    };
    const handlers = ["SIGINT", "SIGTERM", "SIGHUP"].map((s) => [s, forward(s)]);
    for (const [s, h] of handlers) process.on(s, h);
    const cleanup = () => {
      for (const [s, h] of handlers) process.off(s, h);
    };
    child.on("error", (e) => {
      cleanup();
      reject(e.code === "ENOENT" ? notFound(cmd) : e);
    });
    child.on("close", (code, signal) => {
      cleanup();
      resolveP(code ?? (signal === "SIGINT" ? 130 : signal === "SIGTERM" ? 143 : 1));
    });
  });
}
function notFound(cmd) {
  return new UsageError(`go-weave: cannot run "${cmd}": not found (set GOWEAVE_GO to the go binary, or put go on PATH)`);
}

// weaver/src/gocmd/golist.ts
var import_node_path8 = require("node:path");
function goFileNames(p) {
  return [p.GoFiles, p.CgoFiles, p.IgnoredGoFiles, p.TestGoFiles, p.XTestGoFiles].flatMap((list) => list ?? []).filter((f) => !(0, import_node_path8.isAbsolute)(f));
}
var LIST_FIELDS = "ImportPath,Name,Dir,Target,Standard,Goroot,ForTest,DepOnly,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles,IgnoredGoFiles,CFiles,CXXFiles,MFiles,HFiles,FFiles,SFiles,SwigFiles,SwigCXXFiles,SysoFiles,IgnoredOtherFiles,CgoPkgConfig,EmbedPatterns,Imports,Module,Error,Incomplete";
async function goList(go, opts) {
  const args = ["list", "-e", "-deps", `-json=${LIST_FIELDS}`, ...opts.tests ? ["-test"] : [], ...opts.flags, "--", ...opts.patterns];
  const r = await capture(go, args, { cwd: opts.cwd, env: opts.env });
  if (r.code !== 0) {
    throw new GoCommandError(`go list failed (exit ${r.code})`, r.stderr);
  }
  return parseJSONStream(r.stdout);
}
var GoCommandError = class extends Error {
  constructor(message, output) {
    super(message);
    this.output = output;
    this.name = "GoCommandError";
  }
  output;
};
function parseJSONStream(text) {
  const out = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123) {
      if (depth++ === 0) start = i;
    } else if (c === 125) {
      if (--depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out;
}
var ENV_VARS = ["GOMOD", "GOWORK", "GOVERSION", "GOROOT", "GOFLAGS", "GOMODCACHE", "GOOS", "GOARCH", "CGO_ENABLED", "GOEXPERIMENT", "GOAMD64", "GOARM", "GOARM64", "GO386", "GOPPC64", "GORISCV64", "GOWASM", "GOPATH", "GOPROXY", "GONOSUMDB", "GOPRIVATE", "GOINSECURE", "CC", "GOENV"];
async function goEnv(go, opts) {
  const r = await capture(go, ["env", "-json", ...ENV_VARS], opts);
  if (r.code !== 0) throw new GoCommandError(`go env failed (exit ${r.code})`, r.stderr);
  return JSON.parse(r.stdout);
}

// weaver/src/gocmd/modcopy.ts
var import_node_fs10 = require("node:fs");
var import_node_crypto3 = require("node:crypto");
var import_node_path9 = require("node:path");
init_trim();
init_hash();
function ensureModuleCopy(cache, gomodcache, mod, opts) {
  const rel = (0, import_node_path9.relative)(gomodcache, mod.dir);
  const name = rel && !rel.startsWith("..") && !(0, import_node_path9.isAbsolute)(rel) ? rel : (0, import_node_path9.join)("_", sha256(mod.dir).slice(0, 32));
  const copy = (0, import_node_path9.join)(cache.root, opts.lines ? "modlines" : "modsrc", name);
  if ((0, import_node_fs10.existsSync)((0, import_node_path9.join)(copy, "go.mod")) && existsMarked(copy)) return { ...mod, copy };
  const tmp = `${copy}.tmp-${process.pid}-${(0, import_node_crypto3.randomBytes)(4).toString("hex")}`;
  try {
    (0, import_node_fs10.cpSync)(mod.dir, tmp, { recursive: true, preserveTimestamps: true });
    makeWritable(tmp);
    if (opts.lines) nameOriginals(tmp, mod.dir);
    if (!(0, import_node_fs10.existsSync)((0, import_node_path9.join)(tmp, "go.mod"))) {
      const synthesised = mod.goMod && (0, import_node_fs10.existsSync)(mod.goMod) ? (0, import_node_fs10.readFileSync)(mod.goMod, "utf8") : `module ${mod.path}
`;
      (0, import_node_fs10.writeFileSync)((0, import_node_path9.join)(tmp, "go.mod"), synthesised);
    }
    (0, import_node_fs10.renameSync)(tmp, copy);
  } catch (err) {
    (0, import_node_fs10.rmSync)(tmp, { recursive: true, force: true });
    if (!(0, import_node_fs10.existsSync)((0, import_node_path9.join)(copy, "go.mod"))) throw err;
  }
  return { ...mod, copy };
}
function nameOriginals(dir, original) {
  for (const name of (0, import_node_fs10.readdirSync)(dir)) {
    const p = (0, import_node_path9.join)(dir, name);
    const st = (0, import_node_fs10.lstatSync)(p);
    if (st.isDirectory()) {
      nameOriginals(p, (0, import_node_path9.join)(original, name));
    } else if (st.isFile() && name.endsWith(".go")) {
      const text = (0, import_node_fs10.readFileSync)(p, "utf8");
      if (/^\s*(import\s+)?"C"\s*$/m.test(text)) continue;
      (0, import_node_fs10.writeFileSync)(p, `//line ${(0, import_node_path9.join)(original, name)}:1:1
${text}`);
    }
  }
}
function makeWritable(dir) {
  (0, import_node_fs10.chmodSync)(dir, 493);
  for (const name of (0, import_node_fs10.readdirSync)(dir)) {
    const p = (0, import_node_path9.join)(dir, name);
    const st = (0, import_node_fs10.lstatSync)(p);
    if (st.isDirectory()) makeWritable(p);
    else if (st.isFile()) (0, import_node_fs10.chmodSync)(p, st.mode & 511 | 384);
  }
}
function relocate(copies, file) {
  for (const c of copies) {
    if (file.startsWith(c.dir + import_node_path9.sep)) return c.copy + file.slice(c.dir.length);
  }
  return void 0;
}
function directivesNamingCopy(text, original, copy) {
  const escaped = original.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`(//line |/\\*line )${escaped}(?=:\\d)`, "g"), (_m, lead) => lead + copy);
}

// weaver/src/gocmd/versioned.ts
var import_node_fs11 = require("node:fs");
var import_node_os2 = require("node:os");
var import_node_path10 = require("node:path");
function versionedArgs(p) {
  if (p.subcommand !== "install" && p.subcommand !== "run") return [];
  const pkgs = p.subcommand === "run" ? p.packages.slice(0, 1) : p.packages;
  return pkgs.filter((a) => a.includes("@") && !a.endsWith(".go")).map((arg) => {
    const at = arg.indexOf("@");
    return { arg, path: arg.slice(0, at), query: arg.slice(at + 1) };
  });
}
function candidateModules(pkg) {
  const parts = pkg.split("/");
  const out = [];
  for (let n = parts.length; n >= 1; n--) out.push(parts.slice(0, n).join("/"));
  return out;
}
function isDirectory(dir) {
  try {
    return (0, import_node_fs11.statSync)(dir).isDirectory();
  } catch {
    return false;
  }
}
async function providingModule(go, env, args) {
  const mixed = () => new UsageError(`go-weave: ${args.map((a) => a.arg).join(" ")}: all arguments must refer to packages in the same module at the same version`);
  if (new Set(args.map((a) => a.query)).size > 1) throw mixed();
  let module2;
  const packages = [];
  const scratch = (0, import_node_fs11.mkdtempSync)((0, import_node_path10.join)((0, import_node_os2.tmpdir)(), "go-weave-versioned-"));
  try {
    const modEnv = { ...env, GOWORK: "off", GOFLAGS: "" };
    for (const a of args) {
      const found = module2 && (a.path === module2.path || a.path.startsWith(module2.path + "/")) ? module2 : await download(go, modEnv, scratch, a);
      if (module2 && found.path !== module2.path) throw mixed();
      module2 = found;
      const rel = (0, import_node_path10.relative)(found.path, a.path);
      packages.push(rel ? "./" + rel : ".");
    }
  } finally {
    (0, import_node_fs11.rmSync)(scratch, { recursive: true, force: true });
  }
  if (!module2) throw new UsageError("go-weave: no package@version argument");
  checkMainModuleRules(module2, args[0].arg);
  return { module: module2, packages };
}
async function download(go, env, cwd, a) {
  let firstError = "";
  let lacking = "";
  const base = a.path.replace(/\/\.\.\.$/, "");
  for (const candidate of candidateModules(base)) {
    const r = await capture(go, ["mod", "download", "-json", `${candidate}@${a.query}`], { cwd, env });
    let d;
    try {
      d = JSON.parse(r.stdout);
    } catch {
      d = { Error: r.stderr.trim() };
    }
    if (d.Error || !d.Dir || !d.Version) {
      firstError ||= (d.Error ?? r.stderr.trim()).replace(`${candidate}@${a.query}: `, "");
      continue;
    }
    if (isDirectory((0, import_node_path10.join)(d.Dir, (0, import_node_path10.relative)(candidate, base)))) return { path: candidate, version: d.Version, dir: d.Dir, goMod: d.GoMod };
    lacking ||= `module ${candidate}@${d.Version} found, but does not contain package ${a.path}`;
  }
  throw new UsageError(`go-weave: ${a.arg}: ${lacking || firstError || "no module provides this package"}`);
}
function checkMainModuleRules(m, arg) {
  const gomod = (0, import_node_path10.join)(m.dir, "go.mod");
  if (!(0, import_node_fs11.existsSync)(gomod)) return;
  const text = (0, import_node_fs11.readFileSync)(gomod, "utf8");
  const directive = /^\s*(replace|exclude)\b/m.exec(text.replace(/\/\/.*$/gm, ""));
  if (directive) {
    throw new UsageError(`go-weave: ${arg} (in ${m.path}@${m.version}): its go.mod contains ${directive[1]} directives, which go install and go run refuse for pkg@version; build it from a module of your own that requires ${m.path}`);
  }
}

// weaver/src/gocmd/pipeline.ts
var import_node_fs21 = require("node:fs");
var import_node_perf_hooks = require("node:perf_hooks");
var import_node_os3 = require("node:os");
var import_node_path20 = require("node:path");
init_args();
init_cache();
init_core();
init_env();

// weaver/src/gocmd/modfile.ts
var import_node_fs12 = require("node:fs");
var import_node_path12 = require("node:path");
init_trim();

// weaver/src/gocmd/plan.ts
var import_node_path11 = require("node:path");

// weaver/src/gocmd/filelist.ts
function isFileList(p) {
  return p.ImportPath.split(" [")[0] === "command-line-arguments" && !p.Module && !p.Standard;
}
function packageClauseEnd(src) {
  let i = 0;
  for (; ; ) {
    while (i < src.length && /\s/.test(src[i])) i++;
    if (src.startsWith("//", i)) {
      const nl = src.indexOf("\n", i);
      if (nl < 0) return void 0;
      i = nl + 1;
    } else if (src.startsWith("/*", i)) {
      const end = src.indexOf("*/", i + 2);
      if (end < 0) return void 0;
      i = end + 2;
    } else break;
  }
  const m = /^package[ \t]+[\p{L}_][\p{L}\p{N}_]*/u.exec(src.slice(i));
  return m ? i + m[0].length : void 0;
}
function extendedSource(src, imports, decls = "") {
  const at = packageClauseEnd(src);
  if (at === void 0) return void 0;
  const specs = imports.map((i) => `; import ${i.name} ${JSON.stringify(i.path)}`).join("");
  const tail = decls ? (src.endsWith("\n") ? "" : "\n") + decls : "";
  return src.slice(0, at) + specs + src.slice(at) + tail;
}
function standInTestMain(src) {
  return extendedSource(src, [{ name: "__weave_testing", path: "testing" }], `
// Added by go-weave: a TestMain for aspects about test binaries (see runtime.testmain).
func TestMain(m *__weave_testing.M) {
	m.Run()
}
`);
}

// weaver/src/gocmd/plan.ts
var RUNTIME_MODULE = "go-weave.dev/runtime";
function isRuntimePackage(importPath) {
  return importPath === RUNTIME_MODULE || importPath.startsWith(RUNTIME_MODULE + "/");
}
function basePath(id) {
  const i = id.indexOf(" [");
  return i < 0 ? id : id.slice(0, i);
}
async function planUnitsAsync(pkgs, mayMatch, extra = /* @__PURE__ */ new Map()) {
  const claimed = /* @__PURE__ */ new Set();
  const units = [];
  const ordered = [...pkgs.filter((p) => !p.ForTest), ...pkgs.filter((p) => p.ForTest)];
  for (const p of ordered) {
    if (p.Error || !p.Dir || !(p.GoFiles?.length || p.CgoFiles?.length)) continue;
    const importPath = basePath(p.ImportPath);
    if (isRuntimePackage(importPath)) continue;
    if ((p.GoFiles ?? []).some((f) => (0, import_node_path11.isAbsolute)(f))) continue;
    const mainModule = !!p.Module?.Main || isFileList(p);
    const ref = { importPath, name: p.Name, standard: !!p.Standard, mainModule };
    if (!await mayMatch(ref)) continue;
    const added = extra.get(p.ImportPath) ?? [];
    const files = [...p.GoFiles ?? [], ...p.CgoFiles ?? []].map((f) => (0, import_node_path11.join)(p.Dir, f)).concat(added);
    const targets = files.filter((f) => !claimed.has(f));
    if (targets.length === 0) continue;
    for (const f of targets) claimed.add(f);
    units.push({ id: p.ImportPath, ref, files, targets });
  }
  return units;
}

// weaver/src/gocmd/modfile.ts
init_atomic();
init_hash();
var GO_LINE = /^go\s+(\d+(?:\.\d+){1,2})\s*$/m;
function compareGoVersions(a, b) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
function runtimeGoVersion(runtimeDir) {
  try {
    return GO_LINE.exec((0, import_node_fs12.readFileSync)((0, import_node_path12.join)(runtimeDir, "go.mod"), "utf8"))?.[1];
  } catch {
    return void 0;
  }
}
function quotePath(p) {
  return /^[A-Za-z0-9_./\\:@+-]+$/.test(p) ? p : JSON.stringify(p);
}
function mentionsRuntime(modText) {
  return new RegExp(`(^|[\\s(])${RUNTIME_MODULE.replace(/\./g, "\\.")}(\\s|$)`, "m").test(modText);
}
function raiseGoLine(text, min) {
  if (!min) return text;
  const m = GO_LINE.exec(text);
  if (!m) return text.replace(/^(module\s.*)$/m, `$1

go ${min}`);
  if (compareGoVersions(m[1], min) >= 0) return text;
  return text.replace(GO_LINE, `go ${min}`);
}
function prepareModfile(cache, goModPath, runtimeDir, copies = [], providers = [], runtimeAt = runtimeDir) {
  const text = (0, import_node_fs12.readFileSync)(goModPath, "utf8");
  const addRuntime = runtimeDir !== void 0 && !mentionsRuntime(text);
  if (!addRuntime && copies.length === 0) return void 0;
  const sumPath = goModPath.replace(/\.mod$/, "") + ".sum";
  const sum = (0, import_node_fs12.existsSync)(sumPath) ? (0, import_node_fs12.readFileSync)(sumPath, "utf8") : "";
  let copy = addRuntime ? raiseGoLine(text, runtimeGoVersion(runtimeDir)) : text;
  const prunes = (t) => compareGoVersions(GO_LINE.exec(t)?.[1] ?? UNSTATED_GO, PRUNED_GRAPH) >= 0;
  const indirect = !prunes(text) && prunes(copy) ? prunedRequirements(text, providers) : "";
  copy = dropReplaces(copy, copies).replace(/\s*$/, "\n") + indirect;
  if (addRuntime) {
    copy += `
// Added by go-weave for woven code; the module's own go.mod is unchanged.
require ${RUNTIME_MODULE} v0.0.0

replace ${RUNTIME_MODULE} => ${quotePath(runtimeAt ?? runtimeDir)}
`;
  }
  if (copies.length > 0) {
    copy += `
// Dependencies with woven files build from copies: -overlay cannot replace files in GOMODCACHE.
${copies.map((c) => `replace ${c.path} ${c.version} => ${quotePath(c.copy)}`).join("\n")}
`;
  }
  const dir = (0, import_node_path12.join)(cache.root, "mod", sha256(copy, sum).slice(0, 32));
  const modOut = (0, import_node_path12.join)(dir, "go.mod");
  if (!existsMarked(modOut)) {
    if (sum) writeFileAtomic((0, import_node_path12.join)(dir, "go.sum"), sum);
    writeFileAtomic(modOut, copy);
  }
  return modOut;
}
var PRUNED_GRAPH = "1.17";
var UNSTATED_GO = "1.16";
function prunedRequirements(text, providers) {
  const seen = requiredPaths(text);
  const lines = [];
  for (const m of providers) {
    if (seen.has(m.path) || m.path === RUNTIME_MODULE) continue;
    seen.add(m.path);
    lines.push(`	${quotePath(m.path)} ${m.version} // indirect`);
  }
  if (lines.length === 0) return "";
  return `
// Added by go-weave: the go line above is raised past 1.17, which prunes the module graph to what
// go.mod requires; these are the modules the build selected.
require (
${lines.join("\n")}
)
`;
}
function requiredPaths(text) {
  const out = /* @__PURE__ */ new Set();
  let block = "";
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\/\/.*$/, "").trim();
    if (block) {
      if (line.startsWith(")")) block = "";
      else if (block === "require" && line) out.add(unquote(line.split(/\s+/)[0]));
      continue;
    }
    const m = /^(\w+)\s*(\(|(\S+))/.exec(line);
    if (!m) continue;
    if (m[2] === "(") block = m[1];
    else if (m[1] === "require" && m[3]) out.add(unquote(m[3]));
  }
  return out;
}
function unquote(p) {
  return p.startsWith('"') ? JSON.parse(p) : p;
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function dropReplaces(text, copies) {
  for (const c of copies) {
    const re = new RegExp(`^(\\s*(?:replace\\s+)?)${escapeRegExp(c.path)}\\s+${escapeRegExp(c.version)}\\s*=>.*$`, "gm");
    text = text.replace(re, (line) => `// go-weave: built from a copy: ${line.trim()}`);
  }
  return text;
}
async function prepareWorkfile(go, env, cache, goWorkPath, runtimeDir, copies = [], extraKey = "") {
  const text = (0, import_node_fs12.readFileSync)(goWorkPath, "utf8");
  if (mentionsRuntime(text)) runtimeDir = void 0;
  if (runtimeDir === void 0 && copies.length === 0) return void 0;
  const r = await capture(go, ["work", "edit", "-json", goWorkPath], { env });
  if (r.code !== 0) throw new GoCommandError(`go work edit -json ${goWorkPath} failed`, r.stderr);
  const w = JSON.parse(r.stdout);
  const base = (0, import_node_path12.dirname)(goWorkPath);
  const abs = (p) => (0, import_node_path12.isAbsolute)(p) ? p : (0, import_node_path12.resolve)(base, p);
  const isLocal = (p) => p.startsWith("./") || p.startsWith("../") || (0, import_node_path12.isAbsolute)(p) || p === "." || p === "..";
  let goLine = w.Go ?? "1.22";
  const min = runtimeDir === void 0 ? void 0 : runtimeGoVersion(runtimeDir);
  if (min && compareGoVersions(goLine, min) < 0) goLine = min;
  const lines = [`go ${goLine}`];
  if (w.Toolchain) lines.push(`toolchain ${w.Toolchain}`);
  for (const g of w.Godebug ?? []) lines.push(`godebug ${g.Key}=${g.Value}`);
  lines.push("", "use (");
  for (const u of w.Use ?? []) lines.push(`	${quotePath(abs(u.DiskPath))}`);
  if (runtimeDir !== void 0) lines.push(`	${quotePath(runtimeDir)}`);
  lines.push(")");
  const copied = new Set(copies.map((c) => `${c.path}@${c.version}`));
  for (const rep of w.Replace ?? []) {
    if (rep.Old.Version && copied.has(`${rep.Old.Path}@${rep.Old.Version}`)) continue;
    const oldS = rep.Old.Version ? `${rep.Old.Path} ${rep.Old.Version}` : rep.Old.Path;
    const newS = rep.New.Version ? `${rep.New.Path} ${rep.New.Version}` : quotePath(isLocal(rep.New.Path) ? abs(rep.New.Path) : rep.New.Path);
    lines.push(`replace ${oldS} => ${newS}`);
  }
  for (const c of copies) lines.push(`replace ${c.path} ${c.version} => ${quotePath(c.copy)}`);
  const copy = lines.join("\n") + "\n";
  const sumPath = goWorkPath + ".sum";
  const sum = (0, import_node_fs12.existsSync)(sumPath) ? (0, import_node_fs12.readFileSync)(sumPath, "utf8") : "";
  const dir = (0, import_node_path12.join)(cache.root, "work", sha256(copy, sum, extraKey).slice(0, 32));
  const out = (0, import_node_path12.join)(dir, "go.work");
  if (!existsMarked(out)) {
    if (sum) writeFileAtomic((0, import_node_path12.join)(dir, "go.work.sum"), sum);
    writeFileAtomic(out, copy);
  }
  return out;
}

// weaver/src/gocmd/toolchain.ts
var import_node_fs13 = require("node:fs");
var import_node_crypto4 = require("node:crypto");
var import_node_path13 = require("node:path");
init_trim();
function toolchainCopy(cache, gomodcache, goroot) {
  if (!gomodcache || !goroot.startsWith(gomodcache + import_node_path13.sep)) return void 0;
  const rel = (0, import_node_path13.relative)(gomodcache, goroot);
  if (!rel || rel.startsWith("..") || (0, import_node_path13.isAbsolute)(rel)) return void 0;
  const copy = (0, import_node_path13.join)(cache.root, "goroot", rel);
  if (((0, import_node_fs13.existsSync)((0, import_node_path13.join)(copy, "bin", "go")) || (0, import_node_fs13.existsSync)((0, import_node_path13.join)(copy, "bin", "go.exe"))) && existsMarked(copy)) return copy;
  const tmp = `${copy}.tmp-${process.pid}-${(0, import_node_crypto4.randomBytes)(4).toString("hex")}`;
  try {
    mirror(goroot, tmp);
    (0, import_node_fs13.renameSync)(tmp, copy);
  } catch (err) {
    (0, import_node_fs13.rmSync)(tmp, { recursive: true, force: true });
    if (!(0, import_node_fs13.existsSync)((0, import_node_path13.join)(copy, "bin"))) throw err;
  }
  return copy;
}
function mirror(src, dest) {
  (0, import_node_fs13.mkdirSync)(dest, { recursive: true });
  for (const name of (0, import_node_fs13.readdirSync)(src)) {
    const from = (0, import_node_path13.join)(src, name);
    const to = (0, import_node_path13.join)(dest, name);
    const st = (0, import_node_fs13.lstatSync)(from);
    if (st.isDirectory()) mirror(from, to);
    else if (st.isSymbolicLink()) (0, import_node_fs13.symlinkSync)((0, import_node_fs13.readlinkSync)(from), to);
    else {
      try {
        (0, import_node_fs13.linkSync)(from, to);
      } catch {
        (0, import_node_fs13.copyFileSync)(from, to);
      }
    }
  }
}

// weaver/src/gocmd/plancache.ts
var import_node_fs14 = require("node:fs");
var import_node_path14 = require("node:path");
init_atomic();
init_hash();
init_listing();
init_parsed_json();

// weaver/src/parse/gotext.ts
function skipSpaceAndComments(src, i) {
  const n = src.length;
  for (; ; ) {
    while (i < n && /\s/.test(src[i])) i++;
    if (src.startsWith("//", i)) {
      const nl = src.indexOf("\n", i);
      i = nl < 0 ? n : nl + 1;
    } else if (src.startsWith("/*", i)) {
      const close = src.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
    } else {
      return i;
    }
  }
}

// weaver/src/gocmd/plancache.ts
function stampOf(path) {
  try {
    const st = (0, import_node_fs14.statSync)(path);
    if (st.isDirectory()) return [path, st.mtimeMs, -1, goListing(path).hash];
    return [path, st.mtimeMs, st.size, path.endsWith(".go") ? headerHash(path) : ""];
  } catch {
    return [path, -1, -1, ""];
  }
}
function headerHash(path) {
  try {
    const src = (0, import_node_fs14.readFileSync)(path, "utf8");
    return sha256(goHeader(src), ...src.match(EMBED_LINE) ?? []);
  } catch {
    return "";
  }
}
var EMBED_LINE = /^[ \t]*\/\/go:embed[ \t].*$/gm;
function goHeader(src) {
  const n = src.length;
  let i = skipSpaceAndComments(src, 0);
  let end = 0;
  if (!src.startsWith("package", i)) return src;
  const pkgEnd = src.indexOf("\n", i);
  i = pkgEnd < 0 ? n : pkgEnd + 1;
  end = i;
  for (; ; ) {
    i = skipSpaceAndComments(src, i);
    if (!/^import[\s("`]/.test(src.slice(i, i + 7))) break;
    i += 6;
    i = skipSpaceAndComments(src, i);
    if (src[i] === "(") {
      const close = src.indexOf(")", i);
      if (close < 0) return src;
      i = close + 1;
    } else {
      const nl = src.indexOf("\n", i);
      i = nl < 0 ? n : nl + 1;
    }
    end = i;
  }
  return src.slice(0, end);
}
function immutable(dir, ge) {
  return !!ge.GOROOT && dir.startsWith(ge.GOROOT + "/") || !!ge.GOMODCACHE && dir.startsWith(ge.GOMODCACHE + "/");
}
function moduleDirs(root, out) {
  out.push(root);
  let entries;
  try {
    entries = (0, import_node_fs14.readdirSync)(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.isDirectory() || !visitedDir(e.name)) continue;
    moduleDirs((0, import_node_path14.join)(root, e.name), out);
  }
}
function collectStamps(pkgs, ge, extraFiles) {
  const paths = new Set(extraFiles);
  const roots = /* @__PURE__ */ new Set();
  for (const p of pkgs) {
    if (!p.Dir || immutable(p.Dir, ge)) continue;
    paths.add(p.Dir);
    for (const f of goFileNames(p)) paths.add((0, import_node_path14.join)(p.Dir, f));
    if (p.Module?.Dir && !immutable(p.Module.Dir, ge)) roots.add(p.Module.Dir);
  }
  for (const r of roots) {
    const dirs = [];
    moduleDirs(r, dirs);
    for (const d of dirs) paths.add(d);
  }
  return [...paths].sort().map(stampOf);
}
var PlanCache = class {
  constructor(cache) {
    this.cache = cache;
  }
  cache;
  key(parts) {
    return sha256("plan", ...parts);
  }
  path(key) {
    return (0, import_node_path14.join)(this.cache.root, "plan", key.slice(0, 2), key + ".json");
  }
  /** The cached graph and the files it depends on. */
  get(key) {
    let e;
    try {
      e = readJsonFile(this.path(key));
    } catch {
      return void 0;
    }
    for (const st of e.stamps) {
      const [p, mtime, size, header] = st;
      let cur;
      try {
        const x = (0, import_node_fs14.statSync)(p);
        cur = { mtimeMs: x.mtimeMs, size: x.isDirectory() ? -1 : x.size, dir: x.isDirectory() };
      } catch {
        cur = { mtimeMs: -1, size: -1, dir: false };
      }
      if (cur.mtimeMs === mtime && cur.size === size) continue;
      if (!header || cur.mtimeMs < 0 || cur.dir !== (size === -1)) return void 0;
      if ((cur.dir ? goListing(p).hash : headerHash(p)) !== header) return void 0;
    }
    return { packages: e.packages, files: e.stamps.map((st) => st[0]) };
  }
  /** Returns the files the graph depends on (what get() checks). */
  put(key, packages, ge, extraFiles) {
    const entry = { stamps: collectStamps(packages, ge, extraFiles), packages };
    writeFileAtomic(this.path(key), JSON.stringify(entry));
    return entry.stamps.map((st) => st[0]);
  }
};

// weaver/src/gocmd/overlay.ts
var import_node_fs15 = require("node:fs");
var import_node_path15 = require("node:path");
init_dirs();
function readUserOverlay(path, cwd) {
  const file = (0, import_node_path15.resolve)(cwd, path);
  let parsed2;
  try {
    parsed2 = JSON.parse((0, import_node_fs15.readFileSync)(file, "utf8"));
  } catch (err) {
    throw new UsageError(`go-weave: reading -overlay ${file}: ${err.message}`);
  }
  const rep = parsed2?.Replace;
  if (!rep || typeof rep !== "object") throw new UsageError(`go-weave: -overlay ${file}: expected a JSON object with a "Replace" field`);
  const m = /* @__PURE__ */ new Map();
  for (const [k, v] of Object.entries(rep)) m.set((0, import_node_path15.resolve)(cwd, k), v === "" ? "" : (0, import_node_path15.resolve)(cwd, v));
  return m;
}
function linkDepsFile(deps) {
  return `// Code generated by go-weave. DO NOT EDIT.

package main

import (
${deps.sort().map((d) => `	_ ${JSON.stringify(d)}
`).join("")})
`;
}
function linkDepsPath(mainDir) {
  return (0, import_node_path15.join)(mainDir, "zz_goweave_linkdeps.go");
}
var RUNTIME_IN_MODULE = ".go-weave/runtime";
function runtimeInModule(moduleRoot, runtimeDir) {
  return new Map(moduleSources(runtimeDir).files.map((f) => [(0, import_node_path15.join)(moduleRoot, RUNTIME_IN_MODULE, (0, import_node_path15.relative)(runtimeDir, f)), f]));
}
function writeOverlay(cache, entries) {
  const sorted = [...entries.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  const json = { Replace: Object.fromEntries(sorted) };
  return cache.putGenerated("overlay", "overlay.json", JSON.stringify(json, null, 1) + "\n");
}

// weaver/src/gocmd/vendoring.ts
var import_node_fs16 = require("node:fs");
var import_node_crypto5 = require("node:crypto");
var import_node_path16 = require("node:path");
init_trim();
init_hash();
function buildsVendored(moduleRoot, parsed2, goflags) {
  const fromArgs = parsed2.flags.filter((f) => f.name === "mod").pop()?.value;
  const fromEnv = (goflags ?? "").split(/\s+/).map((f) => /^--?mod=(.*)$/.exec(f)?.[1]).filter((v) => v !== void 0).pop();
  const mode = fromArgs ?? fromEnv;
  return (mode === void 0 || mode === "vendor") && (0, import_node_fs16.existsSync)((0, import_node_path16.join)(moduleRoot, "vendor", "modules.txt"));
}
async function prepareVendorWorkspace(go, env, cache, moduleRoot, runtimeDir) {
  const vendorDir = (0, import_node_path16.join)(moduleRoot, "vendor");
  const gomod = (0, import_node_path16.join)(moduleRoot, "go.mod");
  const dir = (0, import_node_path16.join)(cache.root, "vendorws", sha256(moduleRoot, (0, import_node_fs16.readFileSync)(gomod, "utf8"), runtimeDir, vendorState(vendorDir)).slice(0, 32));
  const result = { workFile: (0, import_node_path16.join)(dir, "go.work"), vendorDir, linkedVendorDir: (0, import_node_path16.join)(dir, "vendor") };
  if (existsMarked(result.workFile)) return result;
  const r = await capture(go, ["mod", "edit", "-json", gomod], { env });
  if (r.code !== 0) throw new GoCommandError(`go mod edit -json ${gomod} failed`, r.stderr);
  const m = JSON.parse(r.stdout);
  let goLine = m.Go ?? "1.22";
  for (const min of ["1.22", runtimeGoVersion(runtimeDir)]) if (min && compareGoVersions(goLine, min) < 0) goLine = min;
  const work = [`go ${goLine}`, ...(m.Godebug ?? []).map((g) => `godebug ${g.Key}=${g.Value}`), "", "use (", `	${JSON.stringify(moduleRoot)}`, `	${JSON.stringify(runtimeDir)}`, ")", ""];
  const tmp = `${dir}.tmp-${process.pid}-${(0, import_node_crypto5.randomBytes)(4).toString("hex")}`;
  try {
    linkVendorInto((0, import_node_path16.join)(tmp, "vendor"), vendorDir, (text) => workspaceModulesTxt(completePre114ModulesTxt(text, m), moduleRoot, dir));
    (0, import_node_fs16.writeFileSync)((0, import_node_path16.join)(tmp, "go.work"), work.join("\n"));
    (0, import_node_fs16.renameSync)(tmp, dir);
  } catch (err) {
    (0, import_node_fs16.rmSync)(tmp, { recursive: true, force: true });
    if (!(0, import_node_fs16.existsSync)(result.workFile)) throw err;
  }
  return result;
}
function workspaceModulesTxt(text, moduleRoot, workspaceDir) {
  return `## workspace
${relocateModulesTxt(text, moduleRoot, workspaceDir)}`;
}
function completePre114ModulesTxt(text, m) {
  if (!m.Go || compareGoVersions(m.Go, "1.14") >= 0) return text;
  const mod = (v) => v.Version ? `${v.Path} ${v.Version}` : v.Path;
  const replacementOf = (v) => (m.Replace ?? []).find((r) => r.Old.Path === v.Path && r.Old.Version === v.Version) ?? (m.Replace ?? []).find((r) => r.Old.Path === v.Path && !r.Old.Version);
  const required = new Set((m.Require ?? []).map(mod));
  const lines = text.trim() === "" ? [] : text.replace(/\n+$/, "").split("\n");
  const out = [];
  const headers = /* @__PURE__ */ new Set();
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    const h = /^# (\S+)(?: (?!=>)(\S+))?(?: => .*)?$/.exec(lines[i]);
    if (!h) continue;
    const key = h[2] ? `${h[1]} ${h[2]}` : h[1];
    headers.add(key);
    if (required.has(key) && !lines[i + 1]?.startsWith("## explicit")) out.push("## explicit");
  }
  const header = (old) => {
    const r = replacementOf(old);
    return `# ${mod(old)}${r ? ` => ${mod(r.New)}` : ""}`;
  };
  for (const r of m.Require ?? []) {
    if (!headers.has(mod(r))) out.push(header(r), "## explicit");
  }
  for (const r of m.Replace ?? []) {
    if (!headers.has(mod(r.Old))) out.push(`# ${mod(r.Old)} => ${mod(r.New)}`);
  }
  return out.join("\n") + "\n";
}
function relocateModulesTxt(text, fromDir, toDir) {
  const local = (p) => p === "." || p === ".." || p.startsWith("./") || p.startsWith("../");
  return text.split("\n").map((line) => {
    const m = /^(# .*? => )(\S+)(.*)$/.exec(line);
    if (!m || !local(m[2])) return line;
    let rel = (0, import_node_path16.relative)(toDir, (0, import_node_path16.resolve)(fromDir, m[2])).split(import_node_path16.sep).join("/");
    if (rel !== ".." && !rel.startsWith("../")) rel = `./${rel}`;
    return m[1] + rel + m[3];
  }).join("\n");
}
function vendorState(vendorDir) {
  const entries = (0, import_node_fs16.readdirSync)(vendorDir).filter((e) => e !== "modules.txt").sort();
  return [(0, import_node_fs16.readFileSync)((0, import_node_path16.join)(vendorDir, "modules.txt"), "utf8"), ...entries].join("\n");
}
function linkWorkspaceVendor(workDir, copyDir) {
  const vendorDir = (0, import_node_path16.join)(workDir, "vendor");
  const ws = { workFile: (0, import_node_path16.join)(copyDir, "go.work"), vendorDir, linkedVendorDir: (0, import_node_path16.join)(copyDir, "vendor") };
  if ((0, import_node_fs16.existsSync)((0, import_node_path16.join)(ws.linkedVendorDir, "modules.txt"))) return ws;
  const tmp = `${ws.linkedVendorDir}.tmp-${process.pid}-${(0, import_node_crypto5.randomBytes)(4).toString("hex")}`;
  try {
    linkVendorInto(tmp, vendorDir, (text) => relocateModulesTxt(text, workDir, copyDir));
    (0, import_node_fs16.renameSync)(tmp, ws.linkedVendorDir);
  } catch (err) {
    (0, import_node_fs16.rmSync)(tmp, { recursive: true, force: true });
    if (!(0, import_node_fs16.existsSync)((0, import_node_path16.join)(ws.linkedVendorDir, "modules.txt"))) throw err;
  }
  return ws;
}
function linkVendorInto(dir, vendorDir, rewrite) {
  (0, import_node_fs16.mkdirSync)(dir, { recursive: true });
  for (const e of (0, import_node_fs16.readdirSync)(vendorDir)) if (e !== "modules.txt") (0, import_node_fs16.symlinkSync)((0, import_node_path16.join)(vendorDir, e), (0, import_node_path16.join)(dir, e));
  (0, import_node_fs16.writeFileSync)((0, import_node_path16.join)(dir, "modules.txt"), rewrite((0, import_node_fs16.readFileSync)((0, import_node_path16.join)(vendorDir, "modules.txt"), "utf8")));
}
function inWorkspace(ws, file) {
  return file.startsWith(ws.vendorDir + import_node_path16.sep) ? ws.linkedVendorDir + file.slice(ws.vendorDir.length) : file;
}

// weaver/src/gocmd/pipeline.ts
init_lazyconfig();

// weaver/src/gocmd/testmain.ts
var import_node_fs18 = require("node:fs");
var import_node_path18 = require("node:path");
init_args();
var TESTMAIN_FILE = "zz_goweave_testmain_test.go";
var TEST_LINKDEPS_FILE = "zz_goweave_linkdeps_test.go";
var TEST_MAIN = /^func\s+TestMain\s*\(/m;
function testedPackages(packages) {
  const byPath = new Map(packages.map((p) => [p.ImportPath, p]));
  const out = [];
  for (const main2 of testMainPackages(packages)) {
    const path = main2.ImportPath.slice(0, -".test".length);
    const plain = byPath.get(path);
    if (!plain?.Dir || !plain.TestGoFiles?.length && !plain.XTestGoFiles?.length) continue;
    const internal = byPath.get(`${path} [${path}.test]`);
    const external = byPath.get(`${path}_test [${path}.test]`);
    const variant = plain.TestGoFiles?.length ? internal : external;
    if (!variant?.Name) continue;
    const dir = plain.Dir;
    const hasTestMain = [...plain.TestGoFiles ?? [], ...plain.XTestGoFiles ?? []].some((f) => {
      try {
        return TEST_MAIN.test((0, import_node_fs18.readFileSync)((0, import_node_path18.join)(dir, f), "utf8"));
      } catch {
        return false;
      }
    });
    const hostFile = isFileList(plain) ? (0, import_node_path18.join)(dir, (plain.TestGoFiles?.length ? plain.TestGoFiles : plain.XTestGoFiles ?? [])[0]) : void 0;
    out.push({ variant: variant.ImportPath, dir, name: variant.Name, hasTestMain, hostFile });
  }
  return out;
}
function testMainPackages(packages) {
  return packages.filter((p) => p.ImportPath.endsWith(".test") && p.Name === "main" && p.ForTest === void 0);
}
function testMainStub(name) {
  return `// Code generated by go-weave. DO NOT EDIT.
// A TestMain for aspects about test binaries (see runtime.testmain); it runs the
// tests exactly as the go command's generated main would without one.

package ${name}

import "testing"

func TestMain(m *testing.M) {
	m.Run()
}
`;
}
function testLinkDepsFile(name, deps) {
  return `// Code generated by go-weave. DO NOT EDIT.

package ${name}

import (
${[...deps].sort().map((d) => `	_ ${JSON.stringify(d)}
`).join("")})
`;
}
var OTLP_EXPORTER = "go-weave.dev/runtime/otlp";
function testsExportOtlp(parsed2, env, goflags) {
  const given = [...goflagsOf(goflags), ...parsed2.flags].map((f) => f.name);
  if (boolFlagOn("c", parsed2, goflags) || given.includes("o") || given.includes("exec")) return true;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? "").trim();
  if (exporters) return exporters.split(",").some((e) => e.trim().toLowerCase() === "otlp");
  return !!((env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? "").trim() || (env.OTEL_EXPORTER_OTLP_ENDPOINT ?? "").trim());
}

// weaver/src/gocmd/weaving.ts
var import_node_fs19 = require("node:fs");
var import_promises = require("node:fs/promises");
init_core();
async function weaveUnits(units, opts) {
  const out = { overlay: /* @__PURE__ */ new Map(), addedImports: /* @__PURE__ */ new Set(), linkDeps: /* @__PURE__ */ new Set(), wovenPackages: [], joinPoints: 0, aspects: /* @__PURE__ */ new Set(), errors: [], weavedNow: 0 };
  const manifests = new Array(units.length);
  const failures = new Array(units.length);
  let next = 0;
  const worker = async () => {
    while (next < units.length) {
      const i = next++;
      const r = await weaveOne(units[i], opts, out);
      if (r && "error" in r) failures[i] = r.error;
      else manifests[i] = r;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, units.length)) }, worker));
  for (const e of failures) if (e) out.errors.push(e);
  for (const m of manifests) {
    if (!m) continue;
    for (const [orig, woven] of Object.entries(m.woven)) out.overlay.set(orig, woven);
    if (Object.keys(m.woven).length > 0) {
      if (!out.wovenPackages.includes(m.importPath)) out.wovenPackages.push(m.importPath);
      for (const a of m.addedImports) out.addedImports.add(a);
      for (const l of m.linkDeps) out.linkDeps.add(l);
      for (const a of m.aspects) out.aspects.add(a);
      out.joinPoints += m.joinPoints;
    }
  }
  return out;
}
async function weaveOne(unit, opts, out) {
  const stamps = unit.files.map((path) => {
    const real = opts.readSource?.(path) || path;
    try {
      const st = (0, import_node_fs19.statSync)(real);
      return `${path}\0${real}\0${st.mtimeMs}\0${st.size}`;
    } catch {
      return `${path}\0${real}\0missing`;
    }
  });
  const quick = opts.cache.quickKey([opts.fingerprint, opts.aspectHash, JSON.stringify(unit.ref), ...unit.targets, ...stamps]);
  const remembered = opts.cache.readMemo(quick);
  if (remembered) {
    const hit2 = opts.cache.readManifest(remembered);
    if (hit2) return hit2;
  }
  const files = await Promise.all(unit.files.map(async (path) => ({ path, source: await (0, import_promises.readFile)(opts.readSource?.(path) || path, "utf8") })));
  const key = opts.cache.unitKey({ fingerprint: opts.fingerprint, aspectHash: opts.aspectHash, ...unit.ref, files, targets: unit.targets });
  const hit = opts.cache.readManifest(key);
  if (hit) {
    opts.cache.writeMemo(quick, key);
    return hit;
  }
  let result;
  try {
    out.weavedNow++;
    result = await opts.weave({ ...unit.ref, files });
  } catch (err) {
    return { error: asLocated(err) };
  }
  const targets = new Set(unit.targets);
  const woven = {};
  for (const f of result.files) {
    if (!f.changed || !targets.has(f.path)) continue;
    woven[f.path] = opts.cache.putSource(f.path, f.source);
  }
  const m = { importPath: unit.ref.importPath, woven, addedImports: result.addedImports, linkDeps: result.linkDeps, joinPoints: result.joinPoints, aspects: result.aspects };
  opts.cache.writeManifest(key, m);
  opts.cache.writeMemo(quick, key);
  return m;
}

// weaver/src/gocmd/pipeline.ts
init_coverweave();
var MEMO_MIN_FILES = 8;
async function prepare(runner, subcommand, args, env, runtimeDir, workDir = process.cwd()) {
  const timings = { env: 0, config: 0, list: 0, weave: 0 };
  const parsed2 = parseGoArgs(subcommand, args);
  let go = goBinary(env);
  const cwd = parsed2.chdir ? (0, import_node_path20.resolve)(workDir, parsed2.chdir) : workDir;
  const userOverlay = parsed2.userOverlay ? readUserOverlay(parsed2.userOverlay, cwd) : /* @__PURE__ */ new Map();
  const listFlags = [...parsed2.graphFlags];
  if (parsed2.userOverlay) listFlags.push(`-overlay=${(0, import_node_path20.resolve)(cwd, parsed2.userOverlay)}`);
  if (parsed2.userModfile) listFlags.push(`-modfile=${(0, import_node_path20.resolve)(cwd, parsed2.userModfile)}`);
  const tEnv = import_node_perf_hooks.performance.now();
  const cacheDir = weaveCacheDir(env);
  const cache = new WeaveCache(cacheDir);
  try {
    (0, import_node_fs21.mkdirSync)(cache.root, { recursive: true });
  } catch (err) {
    throw new UsageError(`go-weave: cannot use the weave cache ${cacheDir}: ${err.message}; set GOWEAVE_CACHE to a writable directory`);
  }
  const envOf2 = runner.goEnv ?? goEnv;
  let ge = await envOf2(go, { cwd, env });
  const goroot = toolchainCopy(cache, ge.GOMODCACHE, ge.GOROOT);
  if (goroot) {
    go = (0, import_node_path20.join)(goroot, "bin", process.platform === "win32" ? "go.exe" : "go");
    const { GOROOT: _ignored, ...rest2 } = env;
    env = { ...rest2, GOTOOLCHAIN: "local" };
    ge = await envOf2(go, { cwd, env });
  }
  timings.env = import_node_perf_hooks.performance.now() - tEnv;
  const gomod = parsed2.userModfile ? (0, import_node_path20.resolve)(cwd, parsed2.userModfile) : ge.GOMOD;
  if (!ge.GOMOD || ge.GOMOD === "/dev/null" || ge.GOMOD === "NUL") {
    throw new UsageError(`go-weave: no go.mod in ${cwd} or any parent directory: go-weave builds Go modules; create one with "go mod init <module path>" (or cd into the module)`);
  }
  const moduleRoot = (0, import_node_path20.dirname)(ge.GOMOD);
  const configPath = env.GOWEAVE_CONFIG ? (0, import_node_path20.resolve)(cwd, env.GOWEAVE_CONFIG) : void 0;
  if (configPath && !(0, import_node_fs21.existsSync)(configPath)) throw new UsageError(`go-weave: GOWEAVE_CONFIG names ${configPath}, which does not exist`);
  const configOpts = { configPath, moduleRoot };
  const tConfig = import_node_perf_hooks.performance.now();
  const configWatch = configPath ? [] : [(0, import_node_path20.join)(moduleRoot, "go-weave.yml")];
  const configSalt = env.GOWEAVE_ASSETS ?? "";
  const config = new LazyConfig(runner.core, configOpts, cache, configWatch, configSalt);
  const located = (p) => p.catch((err) => {
    const loc = asLocated(err);
    throw new UsageError(`go-weave: ${loc.message}`, loc);
  });
  const aspectHash = await located(config.hash());
  const testMainOnly = subcommand === "test" ? await located(config.testMainOnly()) : [];
  timings.config = import_node_perf_hooks.performance.now() - tConfig;
  const tList = import_node_perf_hooks.performance.now();
  const tests = subcommand === "test" || subcommand === "vet";
  const plans = new PlanCache(cache);
  const planKey = plans.key([LIST_FIELDS, go, cwd, JSON.stringify(ge), JSON.stringify(listFlags), JSON.stringify(parsed2.packages), String(tests), env.GOWEAVE_NO_PLAN_CACHE ?? ""]);
  const cachedPlan = env.GOWEAVE_NO_PLAN_CACHE ? void 0 : plans.get(planKey);
  const planCached = !!cachedPlan;
  let packages;
  let planFiles;
  if (cachedPlan) {
    ({ packages, files: planFiles } = cachedPlan);
  } else {
    packages = await goList(go, { cwd, env, flags: listFlags, patterns: parsed2.packages, tests });
    const stampFiles = [gomod, gomod.replace(/\.mod$/, ".sum")];
    if (ge.GOWORK && ge.GOWORK !== "off") stampFiles.push(ge.GOWORK, ge.GOWORK + ".sum");
    if (parsed2.userOverlay) stampFiles.push((0, import_node_path20.resolve)(cwd, parsed2.userOverlay), ...userOverlay.keys(), ...[...userOverlay.values()].filter(Boolean));
    if (!packages.some((p) => p.Error || p.Incomplete)) planFiles = plans.put(planKey, packages, ge, stampFiles);
  }
  const tWeave = import_node_perf_hooks.performance.now();
  const tested = subcommand === "test" ? testedPackages(packages) : [];
  const stubs = /* @__PURE__ */ new Map();
  const extra = /* @__PURE__ */ new Map();
  for (const t of tested) {
    if (t.hasTestMain) continue;
    if (t.hostFile !== void 0) {
      const host = t.hostFile;
      const src = standInTestMain((0, import_node_fs21.readFileSync)(userOverlay.get(host) || host, "utf8"));
      if (src !== void 0) stubs.set(host, cache.putGenerated("testmain", (0, import_node_path20.basename)(host), src));
      continue;
    }
    const path = (0, import_node_path20.join)(t.dir, TESTMAIN_FILE);
    stubs.set(path, cache.putGenerated("testmain", TESTMAIN_FILE, testMainStub(t.name)));
    extra.set(t.variant, [path]);
  }
  const planned = await planUnitsAsync(packages, (ref) => located(config.mayMatch(ref)), extra);
  const modcache = ge.GOMODCACHE ? ge.GOMODCACHE + import_node_path20.sep : void 0;
  const inModcache = (f) => !!modcache && f.startsWith(modcache);
  const units = planned.filter((u) => !(u.ref.standard && u.targets.some(inModcache)));
  const skipped = planned.filter((u) => !units.includes(u)).map((u) => u.ref.importPath);
  const weave = async (input) => {
    const aspects = await located(config.aspects());
    const memoDir = input.files.length >= MEMO_MIN_FILES ? cacheDir : void 0;
    if (runner.weaveWith) return runner.weaveWith(aspects, configOpts, memoDir)(input);
    return runner.core.weavePackage(aspects, input, fileMemoIn(memoDir, runner.core.fingerprint));
  };
  const outcome = await weaveUnits(units, {
    cache,
    fingerprint: runner.core.fingerprint,
    aspectHash,
    weave,
    concurrency: runner.concurrency ?? (0, import_node_os3.availableParallelism)(),
    readSource: userOverlay.size || stubs.size ? (p) => stubs.get(p) ?? userOverlay.get(p) : void 0
  });
  config.save();
  const tDone = import_node_perf_hooks.performance.now();
  timings.list = tWeave - tList;
  timings.weave = tDone - tWeave;
  const overlay = new Map(userOverlay);
  const trimmed = boolFlagOn("trimpath", parsed2, ge.GOFLAGS);
  const testedDirs = new Set(tested.map((t) => t.dir));
  const lines = (moduleDir2) => !trimmed && !packages.some((p) => p.Module?.Dir === moduleDir2 && !!p.Dir && testedDirs.has(p.Dir));
  const moduleCopies = copyWovenModules(cache, ge.GOMODCACHE, packages, [...outcome.overlay.keys()].filter(inModcache), lines);
  for (const [k, v] of outcome.overlay) {
    const at = relocate(moduleCopies, k);
    overlay.set(at ?? k, at && trimmed ? cache.putGenerated("trimpath", (0, import_node_path20.basename)(k), directivesNamingCopy((0, import_node_fs21.readFileSync)(v, "utf8"), k, at)) : v);
  }
  const linkDeps = [...outcome.linkDeps].filter((d) => !(subcommand === "test" && d === OTLP_EXPORTER && !testsExportOtlp(parsed2, env, ge.GOFLAGS)));
  if (linkDeps.length > 0) {
    const add = (path, generated) => {
      const at = relocate(moduleCopies, path) ?? path;
      if (!inModcache(at)) overlay.set(at, generated);
    };
    const importsInto = (file) => {
      const src = extendedSource((0, import_node_fs21.readFileSync)(overlay.get(file) || file, "utf8"), linkDeps.map((path) => ({ name: "_", path })));
      if (src !== void 0) overlay.set(file, cache.putGenerated("linkdeps", (0, import_node_path20.basename)(file), src));
    };
    const testMains = new Set(testMainPackages(packages));
    for (const p of packages) {
      if (p.Name === "main" && !p.DepOnly && !p.ForTest && p.Dir && !testMains.has(p)) {
        if (isFileList(p)) {
          const first = p.GoFiles?.[0] ?? p.CgoFiles?.[0];
          if (first !== void 0) importsInto((0, import_node_path20.join)(p.Dir, first));
        } else add(linkDepsPath(p.Dir), cache.putGenerated("linkdeps", "zz_goweave_linkdeps.go", linkDepsFile(linkDeps)));
      }
    }
    for (const t of tested) {
      if (t.name === "main") continue;
      if (t.hostFile !== void 0) importsInto(t.hostFile);
      else add((0, import_node_path20.join)(t.dir, TEST_LINKDEPS_FILE), cache.putGenerated("linkdeps", TEST_LINKDEPS_FILE, testLinkDepsFile(t.name, linkDeps)));
    }
  }
  const goArgs = [subcommand];
  if (parsed2.chdir !== void 0) goArgs.push("-C", parsed2.chdir);
  const childEnv = { ...env };
  const listed = new Set(packages.map((p) => p.ImportPath));
  const needsRuntime = [...outcome.addedImports].some((i) => isRuntimePackage(i) && !listed.has(i));
  let modfile = parsed2.userModfile ? gomod : void 0;
  const rtDir = needsRuntime ? runner.runtimeDir ?? runtimeDir() : void 0;
  const goWork = ge.GOWORK && ge.GOWORK !== "off" ? ge.GOWORK : void 0;
  let vendorWs;
  let runtimeFiles = /* @__PURE__ */ new Map();
  if (rtDir !== void 0 && goWork === void 0 && buildsVendored(moduleRoot, parsed2, ge.GOFLAGS)) {
    if (parsed2.userModfile) throw new UsageError(`go-weave: ${moduleRoot} builds in vendor mode with -modfile; woven code needs the runtime module, which go-weave brings in through a workspace, and workspaces refuse -modfile`);
    vendorWs = await prepareVendorWorkspace(go, env, cache, moduleRoot, rtDir);
    childEnv.GOWORK = vendorWs.workFile;
  } else if (rtDir !== void 0 || moduleCopies.length > 0) {
    if (goWork !== void 0) {
      const vendored = buildsVendored((0, import_node_path20.dirname)(goWork), parsed2, ge.GOFLAGS);
      const work = await prepareWorkfile(go, env, cache, goWork, rtDir, moduleCopies, vendored ? vendorState((0, import_node_path20.join)((0, import_node_path20.dirname)(goWork), "vendor")) : "");
      if (work) {
        childEnv.GOWORK = work;
        if (vendored) vendorWs = linkWorkspaceVendor((0, import_node_path20.dirname)(goWork), (0, import_node_path20.dirname)(work));
      }
    } else {
      modfile = prepareModfile(cache, gomod, rtDir, moduleCopies, selectedModules(packages), trimmed ? `./${RUNTIME_IN_MODULE}` : rtDir) ?? modfile;
      if (trimmed && rtDir !== void 0 && modfile !== void 0) runtimeFiles = runtimeInModule(moduleRoot, rtDir);
    }
  }
  const ws = vendorWs;
  const final = ws ? new Map([...overlay].map(([k, v]) => [inWorkspace(ws, k), v])) : overlay;
  const overlayFile = final.size > 0 || runtimeFiles.size > 0 ? writeOverlay(cache, new Map([...final, ...runtimeFiles])) : void 0;
  if (overlayFile) goArgs.push(`-overlay=${overlayFile}`);
  if (modfile) goArgs.push(`-modfile=${modfile}`);
  let rest = parsed2.rest;
  let coverFiles;
  if (runner.coverCommand && process.platform !== "win32" && covers(parsed2, ge.GOFLAGS)) {
    const at = (f) => inModcache(f) ? void 0 : ws ? inWorkspace(ws, f) : f;
    const woven = coverPlan(units, outcome.overlay, at);
    if (woven.units.length > 0) {
      const sources = {};
      for (const [k, v] of [...userOverlay, ...stubs]) sources[k] = v;
      const added = {};
      for (const [k, v] of final) if (v && !(0, import_node_fs21.existsSync)(k)) added[k] = v;
      const files = coverFiles = writeCoverFiles(cache, runner.coverCommand, runner.core.fingerprint, {
        cacheDir,
        config: { ...configOpts, watch: configWatch, salt: configSalt },
        aspectHash,
        ...woven,
        sources,
        added
      });
      const t = toolexecFlag(parsed2, ge.GOFLAGS, files.script, files.plan);
      goArgs.push(t.flag);
      rest = t.rest;
    }
  }
  goArgs.push(...rest);
  const inputs = planFiles ? [...planFiles, ...config.files(), ...configPath ? [configPath] : []] : [];
  return { parsed: parsed2, go, cwd, packages, outcome, goArgs, goEnv: childEnv, userOverlay, timings, planCached, skipped: [...new Set(skipped)], moduleCopies, ge, inputs, goFiles: { overlay: overlayFile, replace: final, modfile, cover: coverFiles }, configOpts, toolchainCopy: goroot, testMainOnly, runtimeDir: rtDir };
}
function selectedModules(packages) {
  const out = [];
  for (const p of packages) {
    const m = p.Module;
    if (m && !m.Main && m.Version) out.push({ path: m.Path, version: m.Version });
  }
  return out;
}
function copyWovenModules(cache, gomodcache, packages, files, lines) {
  if (!gomodcache || files.length === 0) return [];
  const byDir = /* @__PURE__ */ new Map();
  for (const p of packages) if (p.Dir && p.Module?.Dir && p.Module.Version) byDir.set(p.Dir, p.Module);
  const copies = /* @__PURE__ */ new Map();
  for (const f of files) {
    const m = byDir.get((0, import_node_path20.dirname)(f));
    if (!m?.Dir || !m.Version || copies.has(m.Dir)) continue;
    copies.set(m.Dir, ensureModuleCopy(cache, gomodcache, { path: m.Path, version: m.Version, dir: m.Dir, goMod: m.GoMod }, { lines: lines(m.Dir) }));
  }
  return [...copies.values()].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

// weaver/src/gocmd/realcore.ts
var import_node_os4 = require("node:os");

// weaver/src/gocmd/pool.ts
init_cache();

// weaver/src/gocmd/pool-spawn.ts
var import_node_fs22 = require("node:fs");
var import_node_module = require("node:module");
var import_node_path21 = require("node:path");
var import_node_url3 = require("node:url");
var import_node_worker_threads2 = require("node:worker_threads");
function startWorker(data, env) {
  const opts = { workerData: data, env: { ...env } };
  if (typeof __filename === "string" && __filename.endsWith(".cjs")) return new import_node_worker_threads2.Worker(__filename, opts);
  const entry = new URL("./pool-worker.ts", __goweave_import_meta_url).href;
  const boot = `delete globalThis.__dirname; delete globalThis.__filename;
import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); }).then((m) => m.runPoolWorker());`;
  return new import_node_worker_threads2.Worker(boot, { ...opts, eval: true });
}
function tsxEsmApi() {
  const req = (0, import_node_module.createRequire)(__goweave_import_meta_url);
  const manifest = req.resolve("tsx/package.json");
  const pkg = JSON.parse((0, import_node_fs22.readFileSync)(manifest, "utf8"));
  const api = pkg.exports?.["./esm/api"];
  const file = typeof api?.import === "string" ? api.import : api?.import?.default;
  if (!file) throw new Error("go-weave: the installed tsx has no ESM register API (tsx/esm/api)");
  return (0, import_node_url3.pathToFileURL)((0, import_node_path21.join)((0, import_node_path21.dirname)(manifest), file)).href;
}

// weaver/src/gocmd/pool.ts
var DEPTH = 2;
var WorkerWeaveError = class extends Error {
  file;
  line;
  col;
  constructor(e) {
    super(e.message);
    this.file = e.file;
    this.line = e.line;
    this.col = e.col;
  }
};
var WeavePool = class {
  constructor(core2, maxWorkers, env, opts = {}) {
    this.core = core2;
    this.maxWorkers = maxWorkers;
    this.env = env;
    this.opts = opts;
  }
  core;
  maxWorkers;
  env;
  opts;
  stats = { workers: 0, byWorkers: 0, byMain: 0 };
  queue = [];
  lanes = [];
  mainBusy = false;
  nextId = 0;
  closed = false;
  setup;
  /** For CoreRunner.weaveWith: the pipeline passes the same aspect set and options on every call. */
  weaveWith(aspects, configOpts, memoDir) {
    this.setup ??= { aspects, hash: this.core.aspectSetHash(aspects), data: { kind: POOL_WORKER_KIND, configOpts, aspects: this.opts.shareAspects === false ? void 0 : aspects } };
    return (input) => this.weave(input, memoDir);
  }
  weave(input, memoDir) {
    if (this.closed) return Promise.reject(new Error("go-weave: weaving pool used after close"));
    return new Promise((resolve11, reject) => {
      this.queue.push({ id: this.nextId++, input, memoDir, resolve: resolve11, reject });
      this.pump();
    });
  }
  /** Stops every worker; none keeps the process alive afterwards. */
  async close() {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error("go-weave: weaving pool closed"));
    const lanes = this.lanes.splice(0);
    for (const l of lanes) for (const t of l.inFlight.values()) t.reject(new Error("go-weave: weaving pool closed"));
    for (const l of lanes) {
      l.worker.unref();
      l.worker.terminate().catch(() => void 0);
    }
  }
  pump() {
    while (this.queue.length > 0) {
      const lane = this.freeLane();
      if (lane) this.send(lane, this.queue.shift());
      else if (this.mayWeaveOnMain()) this.runOnMain(this.queue.shift());
      else break;
    }
    let starting = this.lanes.filter((l) => !l.ready).length;
    while (!this.stats.failure && !this.closed && this.lanes.length < this.maxWorkers && this.queue.length > starting * DEPTH) {
      this.startLane();
      starting++;
    }
  }
  mayWeaveOnMain() {
    if (this.mainBusy || this.lanes.some((l) => l.ready)) return false;
    return this.opts.mainThread !== false || !!this.stats.failure;
  }
  freeLane() {
    let best;
    for (const l of this.lanes) {
      if (l.ready && l.inFlight.size < DEPTH && (!best || l.inFlight.size < best.inFlight.size)) best = l;
    }
    return best;
  }
  send(lane, task) {
    lane.inFlight.set(task.id, task);
    lane.worker.ref();
    lane.worker.postMessage({ id: task.id, input: task.input, memoDir: task.memoDir });
  }
  runOnMain(task) {
    const setup = this.setup;
    if (!setup) throw new Error("go-weave: weaving pool used before weaveWith");
    this.mainBusy = true;
    setImmediate(() => {
      this.core.weavePackage(setup.aspects, task.input, fileMemoIn(task.memoDir, this.opts.fingerprint ?? this.core.fingerprint)).then(
        (r) => task.resolve(r),
        (e) => task.reject(e instanceof Error ? e : new Error(String(e)))
      ).finally(() => {
        this.stats.byMain++;
        this.mainBusy = false;
        this.pump();
      });
    });
  }
  startLane() {
    const setup = this.setup;
    if (!setup) return;
    const lane = { worker: (this.opts.spawn ?? startWorker)(setup.data, this.env), ready: false, inFlight: /* @__PURE__ */ new Map() };
    this.lanes.push(lane);
    this.stats.workers++;
    lane.worker.on("message", (m) => this.onMessage(lane, m));
    lane.worker.on("error", (e) => this.fail(lane, `a weaving worker failed: ${e.message}`));
    lane.worker.on("exit", (code) => this.fail(lane, `a weaving worker exited with code ${code}`));
  }
  onMessage(lane, m) {
    switch (m.type) {
      case "ready":
        if (m.aspectHash !== this.setup?.hash) return this.fail(lane, "a weaving worker loaded a different aspect set (did an aspect file change during the build?)");
        if (m.fingerprint !== (this.opts.fingerprint ?? this.core.fingerprint)) return this.fail(lane, "a weaving worker runs different weaver code (was go-weave changed during the build?)");
        lane.ready = true;
        break;
      case "failed":
        return this.fail(lane, `a weaving worker could not load the aspects: ${m.error.message}`);
      case "done":
      case "error": {
        const task = lane.inFlight.get(m.id);
        if (!task) return;
        lane.inFlight.delete(m.id);
        this.stats.byWorkers++;
        if (m.type === "done") task.resolve(m.result);
        else task.reject(new WorkerWeaveError(m.error));
        break;
      }
    }
    if (lane.inFlight.size === 0) lane.worker.unref();
    this.pump();
  }
  /** Drops a broken worker; its packages go back to the queue and no further worker is started. */
  fail(lane, reason) {
    const i = this.lanes.indexOf(lane);
    if (i < 0 || this.closed) return;
    this.lanes.splice(i, 1);
    this.stats.failure ??= reason;
    this.queue.unshift(...lane.inFlight.values());
    lane.inFlight.clear();
    void lane.worker.terminate();
    this.pump();
  }
};

// weaver/src/gocmd/realcore.ts
var coreModule;
async function core() {
  coreModule ??= await Promise.resolve().then(() => require("./go-weave-core.cjs"));
  return coreModule;
}
function loaded() {
  if (!coreModule) throw new Error("go-weave: the weaving core was used before an aspect set was loaded");
  return coreModule;
}
async function loadRealCore() {
  return {
    loadConfig: async (opts) => (await core()).loadConfig(opts),
    packageMayMatch: (a, ref) => loaded().packageMayMatch(a, ref),
    weavePackage: async (a, input, memo2) => (await core()).weavePackage(a, input, memo2),
    aspectSetHash: (a) => loaded().aspectSetHash(a),
    testMainOnlyAspects: (a) => loaded().testMainOnlyAspects(a),
    withoutOmittedComments: async (path, source) => (await core()).withoutOmittedComments(path, source),
    fingerprint: weaverFingerprint(),
    // An aspect set is plain data (templates are kept as source text), so JSON carries it whole.
    revive: async (json) => {
      await core();
      return json;
    }
  };
}
async function loadRealRunner(env) {
  const core2 = await loadRealCore();
  const coverCommand = selfCommand();
  const workers = poolSize(env);
  if (workers === 0) return { core: core2, coverCommand };
  const pool = new WeavePool(core2, workers, env);
  return { core: core2, coverCommand, pool, weaveWith: (aspects, opts, memoDir) => pool.weaveWith(aspects, opts, memoDir), concurrency: poolConcurrency(workers) };
}
function selfCommand() {
  return process.argv[1] ? [process.execPath, process.argv[1]] : void 0;
}
function poolSize(env) {
  const asked = env.GOWEAVE_WORKERS ? Number.parseInt(env.GOWEAVE_WORKERS, 10) : NaN;
  if (Number.isInteger(asked) && asked >= 0) return asked;
  const cores = (0, import_node_os4.availableParallelism)();
  return cores > 1 ? cores : 0;
}
function poolConcurrency(workers) {
  return Math.max((0, import_node_os4.availableParallelism)(), 4 * (workers + 1));
}

// weaver/src/gocmd/report.ts
var import_node_fs23 = require("node:fs");
function appendReport(path, r) {
  appendReportLine(path, reportLine(r));
}
function appendReportLine(path, line) {
  if (path) (0, import_node_fs23.appendFileSync)(path, line + "\n");
}
function reportLine(r) {
  const errors = r.errors.map((e) => ({ file: e.file ?? "", line: e.line ?? 0, col: e.col ?? 0, message: e.message }));
  return JSON.stringify({ wovenPackages: r.wovenPackages, joinPoints: r.joinPoints, aspects: [...r.aspects].sort(), errors, replacedModules: [...r.replacedModules ?? []].sort() });
}

// weaver/src/gocmd/launcher.ts
var import_node_fs27 = require("node:fs");
var import_node_crypto6 = require("node:crypto");
var import_node_path24 = require("node:path");
init_atomic();

// weaver/src/gocmd/replay.ts
var import_node_fs26 = require("node:fs");
var import_node_path23 = require("node:path");
init_atomic();
init_env();
init_listing();

// weaver/src/gocmd/racy.ts
var import_node_fs24 = require("node:fs");
function racyWindowNs(path, mtimeNs) {
  if (process.platform !== "linux" || mtimeNs % 1000000000n === 0n) return COARSE_NS;
  try {
    return LOCAL_LINUX_FS.has(Number((0, import_node_fs24.statfsSync)(path).type)) ? FINE_NS : COARSE_NS;
  } catch {
    return COARSE_NS;
  }
}
var FINE_NS = 50000000n;
var COARSE_NS = 2000000000n;
var LOCAL_LINUX_FS = /* @__PURE__ */ new Set([
  61267,
  // ext2, ext3, ext4 (whole seconds on small inodes: caught by the fraction test)
  1481003842,
  // xfs
  2435016766,
  // btrfs
  16914836,
  // tmpfs
  2240043254,
  // ramfs
  2035054128,
  // overlayfs (containers): times of the local upper file system
  801189825,
  // zfs
  4076150800,
  // f2fs
  3393526350
  // bcachefs
]);

// weaver/src/gocmd/uptodate.ts
var import_node_fs25 = require("node:fs");
var import_node_path22 = require("node:path");
init_args();
init_listing();
init_env();
init_dirs();
var QUIET_FLAGS = /* @__PURE__ */ new Set([
  "o",
  "tags",
  "ldflags",
  "gcflags",
  "asmflags",
  "trimpath",
  "race",
  "msan",
  "asan",
  "mod",
  "pgo",
  "buildvcs",
  "p",
  "cover",
  "covermode",
  "coverpkg",
  "buildmode",
  "compiler",
  "C",
  "overlay",
  "modfile",
  "installsuffix"
]);
function skipGuard(p) {
  if (p.parsed.subcommand !== "build" && p.parsed.subcommand !== "install") return void 0;
  const flags = [...goflagsOf(p.ge.GOFLAGS), ...p.parsed.flags];
  if (!flags.every(quiet)) return void 0;
  const targets = p.packages.filter((pkg) => !pkg.DepOnly && !pkg.ForTest);
  if (targets.length === 0 || targets.some((t) => t.ImportPath === "command-line-arguments" || t.Error)) return void 0;
  const immutable2 = [p.ge.GOROOT, p.ge.GOMODCACHE].filter(Boolean).map((d) => d + import_node_path22.sep);
  const mutable = (d) => !!d && !immutable2.some((i) => d.startsWith(i));
  const files = [];
  const embeds = /* @__PURE__ */ new Set();
  const byDir = /* @__PURE__ */ new Map();
  for (const pkg of p.packages) {
    if (pkg.CgoPkgConfig?.length || pkg.Error) return void 0;
    if (pkg.Standard || !mutable(pkg.Dir)) continue;
    byDir.set(pkg.Dir, [...byDir.get(pkg.Dir) ?? [], pkg]);
    for (const pattern of pkg.EmbedPatterns ?? []) embeds.add(embedRoot(pkg.Dir, pattern));
  }
  let budget = MAX_EMBED_ENTRIES;
  for (const root of embeds) if ((budget -= treeSize(root, budget)) < 0) return void 0;
  for (const [dir, pkgs] of byDir) {
    const names = readdirOrEmpty(dir).filter((n) => otherInput(n) && n !== "default.pgo");
    const listed = new Set(pkgs.flatMap(otherFiles));
    if (names.some((n) => !listed.has(n)) || [...listed].some((n) => !names.includes(n))) return void 0;
    files.push(...names.map((n) => (0, import_node_path22.join)(dir, n)));
  }
  for (const pkg of p.packages) {
    if (pkg.Module?.Main && pkg.Module.Dir && mutable(pkg.Module.Dir)) files.push((0, import_node_path22.join)(pkg.Module.Dir, "go.sum"));
  }
  if (p.ge.GOWORK && p.ge.GOWORK !== "off") files.push((0, import_node_path22.join)((0, import_node_path22.dirname)(p.ge.GOWORK), "go.work.sum"));
  if (p.ge.CGO_ENABLED === "1") {
    const cc = p.ge.CC ? absoluteGo(p.ge.CC.split(/\s+/)[0], p.goEnv) : void 0;
    if (!cc) return void 0;
    files.push(cc);
  }
  if (p.runtimeDir) {
    const rt = moduleSources(p.runtimeDir);
    files.push(...rt.dirs, ...rt.files);
  }
  const outputs = outputsOf(p, targets, flags);
  if (!outputs) return void 0;
  for (const t of targets) if (t.Name === "main" && t.Dir && mutable(t.Dir)) files.push((0, import_node_path22.join)(t.Dir, "default.pgo"));
  return { dir: p.cwd, outputs, files: [...new Set(files)].sort(), embeds: [...embeds].sort() };
}
var MAX_EMBED_ENTRIES = 2e3;
function embedRoot(dir, pattern) {
  const elems = pattern.replace(/^all:/, "").split("/");
  const wild = elems.findIndex((e) => /[*?[\\]/.test(e));
  return (0, import_node_path22.join)(dir, ...wild < 0 ? elems : elems.slice(0, wild));
}
function treeSize(root, limit) {
  let n = 1;
  let entries;
  try {
    if (!(0, import_node_fs25.statSync)(root).isDirectory()) return 1;
    entries = (0, import_node_fs25.readdirSync)(root, { withFileTypes: true });
  } catch {
    return 1;
  }
  for (const e of entries) {
    if (n > limit) break;
    n += e.isDirectory() ? treeSize((0, import_node_path22.join)(root, e.name), limit - n) : 1;
  }
  return n;
}
function otherFiles(pkg) {
  return [pkg.CFiles, pkg.CXXFiles, pkg.MFiles, pkg.HFiles, pkg.FFiles, pkg.SFiles, pkg.SwigFiles, pkg.SwigCXXFiles, pkg.SysoFiles, pkg.IgnoredOtherFiles].flatMap((l) => l ?? []);
}
function quiet(f) {
  if (!QUIET_FLAGS.has(f.name)) return false;
  if (f.name === "buildmode") return ["exe", "pie", "default"].includes(f.value ?? "");
  if (f.name === "compiler") return f.value === "gc";
  return true;
}
function outputsOf(p, targets, flags) {
  if (p.parsed.subcommand === "install") {
    const commands = targets.filter((t) => t.Name === "main");
    if (commands.some((t) => !t.Target)) return void 0;
    return commands.map((t) => ({ path: t.Target, pkg: t.ImportPath }));
  }
  const o = [...flags].reverse().find((f) => f.name === "o")?.value;
  const exe = (t) => execName(t.ImportPath) + (p.ge.GOOS === "windows" ? ".exe" : "");
  if (o === void 0) {
    if (targets.length !== 1 || targets[0].Name !== "main") return [];
    return [{ path: (0, import_node_path22.join)(p.cwd, exe(targets[0])), pkg: targets[0].ImportPath }];
  }
  if (o === "/dev/null") return [];
  if (targets.some((t) => t.Name !== "main")) return void 0;
  const path = (0, import_node_path22.resolve)(p.cwd, o);
  if (o.endsWith("/") || o.endsWith(import_node_path22.sep) || isDir(path)) return targets.map((t) => ({ path: (0, import_node_path22.join)(path, exe(t)), pkg: t.ImportPath }));
  return targets.length === 1 ? [{ path, pkg: targets[0].ImportPath }] : void 0;
}
function execName(importPath) {
  const elems = importPath.split("/");
  const last = elems[elems.length - 1];
  return /^v([2-9]|[1-9][0-9]+)$/.test(last) && elems.length > 1 ? elems[elems.length - 2] : (0, import_node_path22.basename)(last);
}
function isDir(path) {
  try {
    return (0, import_node_fs25.statSync)(path).isDirectory();
  } catch {
    return false;
  }
}

// weaver/src/gocmd/replay.ts
var ENTRY_VARS = ["GOWEAVE_ENTRY", "GOWEAVE_REPLAY_RECORD", "GOWEAVE_LAUNCHER", "GOWEAVE_SERVER_SOCKET", "GOWEAVE_SERVER_REQUEST"];
function withoutEntryVars(env) {
  const out = { ...env };
  for (const k of ENTRY_VARS) delete out[k];
  return out;
}
function replayRecord(p, inputEnv, extras) {
  if (p.inputs.length === 0) return void 0;
  const go = absoluteGo(p.go, inputEnv);
  if (!go) return void 0;
  const set = {};
  const unset = [];
  for (const [k, v] of Object.entries(p.goEnv)) if (v !== void 0 && inputEnv[k] !== v) set[k] = v;
  for (const k of Object.keys(inputEnv)) if (inputEnv[k] !== void 0 && p.goEnv[k] === void 0) unset.push(k);
  const stamps = [];
  const listed = listedGoFiles(p);
  const input = (path) => stamps.push(inputStamp(path, extras.startNs, listed));
  input(go);
  if (p.ge.GOENV) input(p.ge.GOENV);
  for (const f of moduleLookups(p.cwd)) input(f);
  if (p.ge.GOMOD) input((0, import_node_path23.join)((0, import_node_path23.dirname)(p.ge.GOMOD), "vendor", "modules.txt"));
  const { originals, generated } = overlaid(p);
  for (const f of /* @__PURE__ */ new Set([...p.inputs, ...originals])) input(f);
  for (const f of generated) stamps.push(`+ 0 ${f}`);
  const skip = skipGuard(p);
  return { v: 1, go, args: p.goArgs.slice(), set, unset: unset.sort(), stamps, stderr: extras.stderr, report: extras.report, summary: extras.summary, ...skip ? { skip } : {} };
}
function moduleLookups(cwd) {
  const out = [];
  for (let d = cwd; ; d = (0, import_node_path23.dirname)(d)) {
    out.push((0, import_node_path23.join)(d, "go.mod"), (0, import_node_path23.join)(d, "go.work"));
    if ((0, import_node_path23.dirname)(d) === d) return out;
  }
}
function writeReplayRecord(path, r) {
  const text = JSON.stringify(r);
  writeFileAtomic(path, text);
  return text;
}
var RACY_PREFIX = "racy 0 ";
function racyPaths(r) {
  return r.stamps.filter((s) => s.startsWith(RACY_PREFIX)).map((s) => s.slice(RACY_PREFIX.length));
}
function firmFromNs(path, mtimeNs) {
  return mtimeNs + racyWindowNs(path, mtimeNs);
}
function firmedRecord(r, firm) {
  const stamps = r.stamps.map((s) => {
    const st = s.startsWith(RACY_PREFIX) ? firm.get(s.slice(RACY_PREFIX.length)) : void 0;
    return st ? `${st.mtimeNs} ${st.size} ${s.slice(RACY_PREFIX.length)}` : s;
  });
  return { ...r, stamps };
}
function inputStamp(path, startNs, listed) {
  let st;
  try {
    st = (0, import_node_fs26.statSync)(path, { bigint: true });
  } catch {
    return `- 0 ${path}`;
  }
  if (st.isDirectory()) {
    const { hash, goFiles } = goListing(path);
    const seen = listed.get(path);
    if (seen && (goFiles.some((f) => !seen.has(f)) || [...seen].some((f) => !goFiles.includes(f)))) return RACY_PREFIX + path;
    return `d ${hash} ${path}`;
  }
  if (st.mtimeNs >= startNs - racyWindowNs(path, st.mtimeNs)) return RACY_PREFIX + path;
  return `${st.mtimeNs} ${st.size} ${path}`;
}
function listedGoFiles(p) {
  const out = /* @__PURE__ */ new Map();
  for (const pkg of p.packages) {
    if (!pkg.Dir || pkg.Standard) continue;
    const names = out.get(pkg.Dir) ?? /* @__PURE__ */ new Set();
    for (const f of goFileNames(pkg)) if (!ignoredName(f)) names.add(f);
    out.set(pkg.Dir, names);
  }
  return out;
}
function overlaid(p) {
  const { overlay, replace, modfile } = p.goFiles;
  const originals = [...replace.keys()];
  const generated = [...replace.values()].filter(Boolean);
  if (overlay) generated.push(overlay);
  if (modfile) generated.push(modfile);
  if (p.goFiles.cover) generated.push(p.goFiles.cover.script, p.goFiles.cover.plan);
  if (p.goEnv.GOWORK && p.goEnv.GOWORK !== p.ge.GOWORK) generated.push(p.goEnv.GOWORK);
  for (const m of p.moduleCopies) generated.push(m.copy);
  if (p.toolchainCopy) generated.push(p.toolchainCopy);
  return { originals, generated };
}

// weaver/src/gocmd/launcher.ts
async function ensureLauncher(go, env, target, src) {
  if ((0, import_node_fs27.existsSync)(target)) return true;
  const failed = target + ".failed";
  if ((0, import_node_fs27.existsSync)(failed)) return false;
  const wanted = (0, import_node_path24.join)((0, import_node_path24.dirname)(target), "wanted");
  if (!(0, import_node_fs27.existsSync)(wanted)) {
    writeFileAtomic(wanted, "");
    return false;
  }
  const tmp = `${target}.tmp-${process.pid}-${(0, import_node_crypto6.randomBytes)(4).toString("hex")}`;
  const buildEnv = { ...env, GOWORK: "off", GOFLAGS: "-mod=mod -buildvcs=false", GOTOOLCHAIN: "local" };
  for (const k of ["GOOS", "GOARCH", "GOEXPERIMENT", "GO386", "GOAMD64", "GOARM", "GOARM64"]) delete buildEnv[k];
  try {
    const r = await capture(go, ["build", "-ldflags=-s -w", "-o", tmp, "."], { cwd: src, env: buildEnv });
    if (r.code !== 0) {
      writeFileAtomic(failed, r.stderr);
      return false;
    }
    (0, import_node_fs27.renameSync)(tmp, target);
    return true;
  } catch (err) {
    (0, import_node_fs27.rmSync)(tmp, { force: true });
    writeFileAtomic(failed, String(err));
    return false;
  }
}
async function recordPathFor(launcher, args, env) {
  const r = await capture(launcher, ["-goweave-record-path", ...args], { env });
  const path = r.stdout.trim();
  return r.code === 0 && path.endsWith(".json") ? path : void 0;
}
async function rememberForReplay(p, env, argv, extras, launcherSrc) {
  try {
    let path = env.GOWEAVE_REPLAY_RECORD;
    const launcher = env.GOWEAVE_LAUNCHER;
    if (!path && launcher && await ensureLauncher(p.go, p.goEnv, launcher, launcherSrc())) path = await recordPathFor(launcher, argv, env);
    if (!path) return;
    const r = replayRecord(p, env, extras);
    if (r) writeReplayRecord(path, r);
  } catch (err) {
    if (env.GOWEAVE_VERBOSE) process.stderr.write(`go-weave: no replay record: ${err.message}
`);
  }
}

// weaver/src/gocmd/outcome.ts
function describeOutcome(p) {
  const o = p.outcome;
  let warnings = "";
  for (const e of o.errors) warnings += `go-weave: warning: ${e.message} (package left unwoven)
`;
  if (p.skipped.length > 0) {
    const names = p.skipped.slice(0, 5).join(", ") + (p.skipped.length > 5 ? `, and ${p.skipped.length - 5} more` : "");
    warnings += `go-weave: warning: not weaving ${names}: the standard library of a toolchain in the module cache (GOTOOLCHAIN download) cannot be replaced by -overlay; install that Go release locally to weave it
`;
  }
  if (p.testMainOnly.length > 0) {
    const ids = p.testMainOnly.map((id) => `"${id}"`).join(", ");
    const one = p.testMainOnly.length === 1;
    warnings += `go-weave: warning: aspect${one ? "" : "s"} ${ids} ${one ? "joins" : "join"} only test mains (test-main: true), which the go command generates where go-weave cannot weave; join TestMain instead (like the built-in runtime.testmain)
`;
  }
  const replacedModules = p.moduleCopies.map((c) => `${c.path}@${c.version}`);
  const report = reportLine({ wovenPackages: o.wovenPackages.length, joinPoints: o.joinPoints, aspects: [...o.aspects], errors: o.errors, replacedModules });
  return { warnings, report, summary: `${o.wovenPackages.length} woven packages, ${o.joinPoints} join points` };
}
function timingsLine(p) {
  const t = p.timings;
  return `go env ${t.env.toFixed(0)} ms, config ${t.config.toFixed(0)} ms, go list ${t.list.toFixed(0)} ms, weaving ${t.weave.toFixed(0)} ms`;
}

// weaver/src/gocmd/server.ts
var import_node_child_process3 = require("node:child_process");

// weaver/src/gocmd/ahead.ts
var import_node_path25 = require("node:path");
init_args();
function aheadDir(recordPath) {
  return recordPath + ".ahead-out";
}
function aheadStarting(recordPath) {
  return recordPath + ".ahead-starting";
}
function launcherOfRecord(recordPath) {
  const dir = (0, import_node_path25.dirname)(recordPath);
  return (0, import_node_path25.join)((0, import_node_path25.dirname)((0, import_node_path25.dirname)(dir)), "launcher", (0, import_node_path25.basename)(dir), "go-weave-launch");
}
function aheadArgs(r, dir) {
  const [sub, ...args] = r.args;
  if (sub === "run") return runAheadArgs(args);
  if (sub === "test") return testAheadArgs(args);
  if (sub === "vet") return ["vet", ...args];
  const outputs = r.skip?.outputs ?? [];
  if (sub !== "build" && sub !== "install" || outputs.length === 0) return void 0;
  const output = outputs.length === 1 ? (0, import_node_path25.join)(dir, (0, import_node_path25.basename)(outputs[0].path)) : dir + "/";
  const parsed2 = parseGoArgs(sub, args);
  const flags = parsed2.flags.filter((f) => f.name !== "o").flatMap((f) => f.raw);
  if (!flagsAndPackagesOnly(parsed2, args.length)) return void 0;
  return ["build", ...flags, "-o", output, ...parsed2.packages];
}
function flagsAndPackagesOnly(parsed2, argCount) {
  return flagArgCount(parsed2) + parsed2.packages.length === argCount;
}
function flagArgCount(parsed2) {
  return parsed2.flags.reduce((n, f) => n + f.raw.length, 0);
}
function runAheadArgs(args) {
  const parsed2 = parseGoArgs("run", args);
  if (parsed2.packages.length === 0 || parsed2.flags.some((f) => f.name === "a" || f.name === "n")) return void 0;
  const flagArgs = flagArgCount(parsed2);
  return ["run", ...args.slice(0, flagArgs), "-exec=true", ...args.slice(flagArgs)];
}
var TEST_AHEAD_REFUSED = /* @__PURE__ */ new Set(["c", "o", "a", "n", "i", "fuzz", "coverprofile", "cpuprofile", "memprofile", "blockprofile", "mutexprofile", "trace", "outputdir"]);
function testAheadArgs(args) {
  const at = args.findIndex((a) => a === "-args" || a === "--args");
  const head = at < 0 ? args : args.slice(0, at);
  const parsed2 = parseGoArgs("test", head);
  if (parsed2.flags.some((f) => TEST_AHEAD_REFUSED.has(f.name))) return void 0;
  if (!flagsAndPackagesOnly(parsed2, head.length)) return void 0;
  return ["test", ...head, "-exec=true", "-count=1", ...args.slice(head.length)];
}
function buildAheadWanted(env) {
  return env.GOWEAVE_BUILD_AHEAD !== "0";
}

// weaver/src/gocmd/server.ts
var import_node_fs29 = require("node:fs");
var import_node_net = require("node:net");
init_args();
init_env();
var import_node_path27 = require("node:path");

// weaver/src/gocmd/server-watch.ts
var import_node_fs28 = require("node:fs");
var import_node_path26 = require("node:path");
var MAX_WATCHED = 2e3;
var SourceWatch = class {
  /**
   * trustEvents: whether an event is delivered before a write returns (inotify). macOS's
   * FSEvents and other back ends deliver later, so there the watch only triggers plans and
   * never vouches for anything.
   */
  constructor(onChange, trustEvents = process.platform === "linux") {
    this.onChange = onChange;
    this.trustEvents = trustEvents;
  }
  onChange;
  trustEvents;
  /** Moves on with every relevant change in a watched directory. */
  generation = 0;
  /** Moves on with every directory watched anew: a plan trusts only watches older than itself. */
  clock = 0;
  watchers = /* @__PURE__ */ new Map();
  relevant = /* @__PURE__ */ new Set();
  /** Where a plan starting now stands: compare with `holds` later. */
  mark() {
    return { generation: this.generation, clock: this.clock };
  }
  /**
   * Nothing relevant changed since `m`, and every path (a file or directory a plan read while
   * it was too recent to vouch for) was watched since before `m`.
   */
  holds(m, paths) {
    if (!this.trustEvents || m.generation !== this.generation) return false;
    return paths.every((p) => [p, (0, import_node_path26.dirname)(p)].some((d) => {
      const w = this.watchers.get(d);
      return w !== void 0 && w.since <= m.clock;
    }));
  }
  /**
   * No directory in `dirs` began to be watched after `m`: a plan's stamps were taken before its
   * new watches began, so an edit in between was seen by neither. (A directory never watched,
   * past MAX_WATCHED, is left to the launcher's own check of the stamps.)
   */
  watchedBefore(m, dirs) {
    for (const d of dirs) {
      const w = this.watchers.get(d);
      if (w !== void 0 && w.since > m.clock) return false;
    }
    return true;
  }
  /** Watches exactly `dirs`; `names` are the file names besides Go files whose change matters. */
  update(dirs, names) {
    for (const [d, { w }] of this.watchers) {
      if (!dirs.has(d)) {
        w.close();
        this.watchers.delete(d);
      }
    }
    this.relevant = names;
    for (const d of dirs) {
      if (this.watchers.has(d) || this.watchers.size >= MAX_WATCHED) continue;
      try {
        const w = (0, import_node_fs28.watch)(d, { persistent: false }, (event, name) => this.changed(d, event, name));
        w.on("error", () => this.drop(d));
        this.watchers.set(d, { w, since: ++this.clock });
      } catch {
      }
    }
  }
  close() {
    for (const { w } of this.watchers.values()) w.close();
    this.watchers.clear();
  }
  drop(dir) {
    this.watchers.get(dir)?.w.close();
    this.watchers.delete(dir);
    this.generation++;
  }
  changed(dir, event, name) {
    const n = name === null ? null : (0, import_node_path26.basename)(name.toString());
    if (event === "rename" && (n === (0, import_node_path26.basename)(dir) || !(0, import_node_fs28.existsSync)(dir))) {
      this.drop(dir);
      this.onChange();
      return;
    }
    if (n !== null && !n.endsWith(".go") && !this.relevant.has(n)) return;
    this.generation++;
    this.onChange();
  }
};

// weaver/src/gocmd/server.ts
var MAX_SOCKET_PATH = 104;
function fileStamp(path) {
  return fileStat(path)?.stamp;
}
function fileStat(path) {
  try {
    const st = (0, import_node_fs29.statSync)(path, { bigint: true });
    return st.isFile() ? { stamp: `${st.mtimeNs} ${st.size} ${st.ino}`, mtimeNs: st.mtimeNs, size: st.size } : void 0;
  } catch {
    return void 0;
  }
}
var nowNs = () => BigInt(Date.now()) * 1000000n;
function firming(racy, now) {
  const firm = /* @__PURE__ */ new Map();
  const rest = [];
  let waitNs;
  for (const r of racy) {
    const st = fileStat(r.path);
    const from = st && st.stamp === r.seen ? firmFromNs(r.path, st.mtimeNs) : void 0;
    if (st && from !== void 0 && from <= now) {
      firm.set(r.path, st);
      continue;
    }
    rest.push(r);
    if (from !== void 0 && (waitNs === void 0 || from - now > waitNs)) waitNs = from - now;
  }
  return { firm, rest, waitNs };
}
var MAX_FIRM_WAIT_NS = 10000000000n;
function stillHolds(sources, known) {
  const { mark, racy } = known;
  return racy.every((r) => r.seen !== void 0 && fileStamp(r.path) === r.seen) && sources.holds(mark, racy.map((r) => r.path)) && sources.watchedBefore(mark, known.sources?.dirs ?? []);
}
function envOf(entries) {
  const env = {};
  for (const kv of entries) {
    const i = kv.indexOf("=");
    if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return env;
}
async function answer(req) {
  const startNs = nowNs();
  const env = envOf(req.env);
  const no = { reply: { ok: false } };
  if ((env.GOWEAVE_ASSETS ?? "") !== (process.env.GOWEAVE_ASSETS ?? "")) return no;
  for (const k of ["GOWEAVE_CACHE", "GOWEAVE_GO"]) {
    const v = env[k];
    if (v && !(0, import_node_path27.isAbsolute)(v) && (k === "GOWEAVE_CACHE" || v.includes("/"))) env[k] = (0, import_node_path27.resolve)(req.cwd, v);
  }
  const cmd = wovenCommand(req.argv);
  if (!cmd) return no;
  try {
    const p = await plan({ core: await loadRealCore(), goEnv: rememberedGoEnv, coverCommand: selfCommand() }, cmd, env, req.cwd);
    p.goEnv = withoutEntryVars(p.goEnv);
    const { warnings, report, summary } = describeOutcome(p);
    const r = replayRecord(p, env, { stderr: warnings, report, summary, startNs });
    if (!r) return no;
    const racy = racyPaths(r).map((path) => ({ path, seen: fileStamp(path) }));
    const work = { weavedNow: p.outcome.weavedNow, timings: timingsLine(p) };
    return { reply: { ok: true, verbose: `${work.weavedNow} woven now; ${work.timings}` }, record: r, sources: watchedSources(p), racy, work };
  } catch {
    return no;
  }
}
var MAX_RECENT = 4;
function unionOf(all) {
  const out = { dirs: /* @__PURE__ */ new Set(), names: /* @__PURE__ */ new Set() };
  for (const w of all) {
    w?.dirs.forEach((d) => out.dirs.add(d));
    w?.names.forEach((n) => out.names.add(n));
  }
  return out;
}
function watchedSources(p) {
  const immutable2 = [p.ge.GOROOT, p.ge.GOMODCACHE].filter(Boolean).map((d) => d + import_node_path27.sep);
  const dirs = /* @__PURE__ */ new Set();
  for (const pkg of p.packages) {
    for (const d of [pkg.Dir, pkg.Module?.Main ? pkg.Module.Dir : void 0]) {
      if (d && !pkg.Standard && !immutable2.some((i) => d.startsWith(i))) dirs.add(d);
    }
  }
  if (p.configOpts.configPath) dirs.add((0, import_node_path27.dirname)(p.configOpts.configPath));
  return { dirs, names: new Set(p.inputs.map((f) => (0, import_node_path27.basename)(f))) };
}
function wovenCommand(argv) {
  const [sub, ...args] = argv[0] === "go" ? argv.slice(1) : argv;
  return WOVEN_SUBCOMMANDS.has(sub) && versionedArgs(parseGoArgs(sub, args)).length === 0 ? { sub, args } : void 0;
}
function plan(runner, cmd, env, cwd) {
  return prepare(runner, cmd.sub, cmd.args, env, () => assetPath("runtime"), cwd);
}
var goEnvs = /* @__PURE__ */ new Map();
var MAX_GO_ENVS = 64;
function goEnvInputs(env) {
  const named = /* @__PURE__ */ new Set(["PATH", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "CC", "CXX", "FC", "AR", "GCCGO", "PKG_CONFIG"]);
  return Object.entries(env).filter((e) => e[1] !== void 0 && !e[0].startsWith("GOWEAVE_") && (named.has(e[0]) || e[0].startsWith("GO") || e[0].startsWith("CGO_"))).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
}
async function rememberedGoEnv(go, opts) {
  const cwd = opts.cwd ?? process.cwd();
  const key = JSON.stringify([go, cwd, goEnvInputs(opts.env)]);
  const around = () => stampsOf([absoluteGo(go, opts.env) ?? go, ...moduleLookups(cwd)]);
  const known = goEnvs.get(key);
  if (known && known.around === around() && known.envFile === stampsOf([known.ge.GOENV])) return known.ge;
  const before = around();
  const ge = await goEnv(go, opts);
  if (goEnvs.size >= MAX_GO_ENVS) goEnvs.clear();
  goEnvs.set(key, { around: before, envFile: stampsOf([ge.GOENV]), ge });
  return ge;
}
function stampsOf(paths) {
  return paths.map((p) => {
    try {
      const st = (0, import_node_fs29.statSync)(p, { bigint: true });
      return `${st.mtimeNs} ${st.size}`;
    } catch {
      return "-";
    }
  }).join("\n");
}
async function serve(socketPath, idleMs, start) {
  if (Buffer.byteLength(socketPath) >= MAX_SOCKET_PATH) return;
  if (await answers(socketPath)) return;
  (0, import_node_fs29.rmSync)(socketPath, { force: true });
  let tail = Promise.resolve();
  let pending = 0;
  let timer;
  const sources = new SourceWatch(() => weaveOnSave());
  const recent = /* @__PURE__ */ new Map();
  let saveQueued = false;
  let savesLeft = false;
  let arriving = 0;
  const buildsComing = () => pending > 0 || arriving > 0;
  const building = new GoProcesses();
  let resumeTimer;
  const resumeSaves = () => {
    clearTimeout(resumeTimer);
    const resume = () => {
      if (buildsComing() || !savesLeft) return;
      if (building.anyRunning(Date.now())) {
        resumeTimer = setTimeout(resume, GO_POLL_MS);
        resumeTimer.unref();
        return;
      }
      savesLeft = false;
      planSaves();
    };
    resume();
  };
  const planRequest = async (req, onSave = false) => {
    const mark = sources.mark();
    const a = await answer(req);
    const verbose = onSave && a.work ? `${a.work.weavedNow} woven on save; ${a.work.timings}` : "nothing changed since the last plan";
    if (!onSave || !a.reply.ok) recent.delete(req.record);
    const known = { req, mark, racy: a.racy ?? [], verbose, sources: a.sources, record: a.record, onSave };
    if (a.reply.ok) recent.set(req.record, known);
    for (const old of recent.keys()) if (recent.size > MAX_RECENT) recent.delete(old);
    const watched = unionOf([...recent.values()].map((r) => r.sources));
    sources.update(watched.dirs, watched.names);
    try {
      if (a.record) known.written = writeReplayRecord(req.record, a.record);
    } catch {
      recent.delete(req.record);
      return { ok: false };
    }
    if (a.reply.ok) firm(req.record, known);
    return a.reply;
  };
  const firmTimers = /* @__PURE__ */ new Map();
  const firm = (key, known) => {
    clearTimeout(firmTimers.get(key));
    firmTimers.delete(key);
    if (recent.get(key) !== known || !known.record || known.written === void 0 || !stillHolds(sources, known)) return;
    if (known.racy.length === 0) return buildAhead(key, known);
    const { firm: firmNow, rest, waitNs } = firming(known.racy, nowNs());
    if (firmNow.size > 0) {
      try {
        if ((0, import_node_fs29.readFileSync)(key, "utf8") !== known.written) return;
        const record = firmedRecord(known.record, firmNow);
        known.written = writeReplayRecord(key, record);
        known.record = record;
        known.racy = rest;
      } catch {
        return;
      }
    }
    if (rest.length === 0) return buildAhead(key, known);
    if (waitNs === void 0 || waitNs > MAX_FIRM_WAIT_NS) return;
    const t = setTimeout(() => {
      tail = tail.then(() => firm(key, known));
    }, Number(waitNs / 1000000n) + 10);
    t.unref();
    firmTimers.set(key, t);
  };
  let ahead;
  const stopAhead = () => {
    ahead?.child.kill("SIGTERM");
    ahead = void 0;
  };
  let lastRun;
  const buildAhead = (key, known) => {
    void polled().then(() => startAhead(key, known));
  };
  const startAhead = (key, known) => {
    if (!server.listening || recent.get(key) !== known || !known.onSave || known.asked || buildsComing() || !known.record || lastRun !== key) return;
    const env = envOf(known.req.env);
    const args = buildAheadWanted(env) ? aheadArgs(known.record, aheadDir(key)) : void 0;
    if (!args) return;
    stopAhead();
    const starting = aheadStarting(key);
    const started = () => (0, import_node_fs29.rmSync)(starting, { force: true });
    try {
      (0, import_node_fs29.writeFileSync)(starting, "");
      const child = (0, import_node_child_process3.spawn)(launcherOfRecord(key), ["-goweave-ahead", key, ...args], { cwd: known.req.cwd, env, stdio: "ignore" });
      child.on("error", started);
      const running = { child, key };
      child.on("exit", () => {
        started();
        if (ahead === running) ahead = void 0;
      });
      ahead = running;
    } catch {
      started();
    }
  };
  const weaveOnSave = () => {
    stopAhead();
    planSaves();
  };
  const planSaves = () => {
    if (recent.size === 0 || saveQueued) return;
    saveQueued = true;
    tail = tail.then(async () => {
      await eventsSeen();
      saveQueued = false;
      for (const [record, r] of [...recent].reverse()) {
        if (buildsComing() || building.anyRunning(Date.now())) {
          savesLeft = true;
          resumeSaves();
          return;
        }
        if (recent.get(record) !== r || sources.holds(r.mark, [])) continue;
        await planRequest(r.req, true);
        await polled();
      }
      if (pending === 0) armIdle();
    });
  };
  const used = (record) => {
    lastRun = record;
    const known = recent.get(record);
    if (known) {
      recent.delete(record);
      recent.set(record, known);
    }
    if (ahead && ahead.key !== record) stopAhead();
  };
  const reply = async (conn, req) => {
    let out = { ok: false };
    try {
      if (req) {
        await eventsSeen();
        const known = recent.get(req.record);
        if (known) known.asked = true;
        if (known && stillHolds(sources, known)) {
          out = { ok: true, verbose: known.verbose };
        } else {
          out = await planRequest(req);
        }
      }
    } catch {
      out = { ok: false };
    }
    if (req?.pid !== void 0) building.add(req.pid, Date.now());
    conn.end(JSON.stringify(out) + "\n");
  };
  const server = (0, import_node_net.createServer)((conn) => {
    arriving++;
    let counted = true;
    const arrived = () => {
      if (!counted) return;
      counted = false;
      arriving--;
      resumeSaves();
    };
    conn.once("close", arrived);
    setTimeout(arrived, FIRST_LINE_MS).unref();
    let buf = "";
    conn.setEncoding("utf8");
    conn.on("error", () => conn.destroy());
    conn.on("data", (chunk) => {
      buf += chunk;
      const nl = buf.indexOf("\n");
      if (nl < 0) return;
      const line = buf.slice(0, nl);
      buf = "";
      const notice = usedNotice(line);
      if (notice !== void 0) {
        used(notice.record);
        if (notice.pid !== void 0) building.add(notice.pid, Date.now());
        conn.end();
        arrived();
        return;
      }
      const req = serverRequest(line);
      if (req) used(req.record);
      pending++;
      arrived();
      clearTimeout(timer);
      tail = tail.then(() => reply(conn, req)).finally(() => {
        if (--pending > 0) return;
        armIdle();
        resumeSaves();
      });
    });
  });
  let ino = 0;
  const armIdle = () => {
    clearTimeout(timer);
    if (server.listening) timer = setTimeout(stop, idleMs);
  };
  const stop = () => {
    clearInterval(socketCheck);
    clearTimeout(timer);
    clearTimeout(resumeTimer);
    firmTimers.forEach((t) => clearTimeout(t));
    stopAhead();
    sources.close();
    server.close();
    if (inodeOf(socketPath) === ino) (0, import_node_fs29.rmSync)(socketPath, { force: true });
  };
  const socketCheck = setInterval(() => {
    if (inodeOf(socketPath) !== ino) stop();
  }, 5e3);
  await new Promise((resolve11, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve11());
  });
  ino = inodeOf(socketPath);
  armIdle();
  const first = start?.request === void 0 ? void 0 : serverRequest(start.request);
  if (first) {
    lastRun = first.record;
    tail = tail.then(async () => {
      if (!recent.has(first.record)) await planRequest(first);
    });
  }
  const closed = new Promise((resolve11) => server.once("close", () => resolve11()));
  const train = await trainer(start);
  for (let round = 0; round < TRAINING_ROUNDS && server.listening; round++) {
    tail = tail.then(() => pending === 0 ? train() : void 0);
    await tail;
  }
  await closed;
}
function eventsSeen() {
  return new Promise((resolve11) => setImmediate(resolve11));
}
function polled() {
  return new Promise((resolve11) => setImmediate(() => setImmediate(resolve11)));
}
var FIRST_LINE_MS = 1e3;
var GO_POLL_MS = 20;
var PUT_OFF_MAX_MS = 1e4;
var GoProcesses = class {
  since = /* @__PURE__ */ new Map();
  add(pid, nowMs) {
    this.since.set(pid, nowMs);
  }
  anyRunning(nowMs) {
    for (const [pid, since] of this.since) {
      if (nowMs - since >= PUT_OFF_MAX_MS || !processExists(pid)) this.since.delete(pid);
    }
    return this.since.size > 0;
  }
};
function processExists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}
var isStringArray = (a) => Array.isArray(a) && a.every((x) => typeof x === "string");
function usedNotice(line) {
  try {
    const v = JSON.parse(line);
    return typeof v.used === "string" ? { record: v.used, pid: processId(v.pid) } : void 0;
  } catch {
    return void 0;
  }
}
function processId(v) {
  return typeof v === "number" && Number.isSafeInteger(v) && v > 0 ? v : void 0;
}
function serverRequest(line) {
  try {
    const v = JSON.parse(line);
    if (isStringArray(v.argv) && isStringArray(v.env) && typeof v.cwd === "string" && typeof v.record === "string") {
      return { argv: v.argv, cwd: v.cwd, env: v.env, record: v.record, pid: processId(v.pid) };
    }
  } catch {
  }
  return void 0;
}
var TRAINING_ROUNDS = 12;
var TRAINING_MAX_MS = 3e3;
var TRAINING_MAX_SOURCE = 256 * 1024;
async function trainer(start) {
  const none = async () => void 0;
  try {
    const core2 = await loadRealCore();
    const cmd = start && wovenCommand(start.argv);
    if (!start || !cmd) {
      const aspects2 = await core2.loadConfig({});
      await core2.weavePackage(aspects2, { importPath: "example.com/warmup", files: [{ path: "/warmup/warmup.go", source: "package warmup\n\nfunc F() {}\n" }] });
      return none;
    }
    const env = withoutEntryVars(process.env);
    const runner = { core: core2, goEnv: rememberedGoEnv };
    const first = await plan(runner, cmd, env, start.cwd);
    const aspects = await core2.loadConfig(first.configOpts);
    const woven = new Set(first.outcome.wovenPackages);
    const sized = (await planUnitsAsync(first.packages, async () => true)).filter((u) => u.ref.mainModule && woven.has(u.ref.importPath)).map((u) => ({ ...u.ref, files: u.files.map((path) => ({ path, source: (0, import_node_fs29.readFileSync)(path, "utf8") })) })).map((input) => ({ input, size: input.files.reduce((n, f) => n + f.source.length, 0) })).sort((a, b) => a.size - b.size);
    let budget = TRAINING_MAX_SOURCE;
    const inputs = sized.filter((x) => (budget -= x.size) >= 0).map((x) => x.input);
    const deadline = Date.now() + TRAINING_MAX_MS;
    let changing = false;
    return async () => {
      if (changing || Date.now() > deadline) return;
      try {
        const p = await plan(runner, cmd, env, start.cwd);
        changing = !p.planCached || p.outcome.weavedNow > 0;
        if (changing) return;
        replayRecord(p, env, { stderr: "", report: "", summary: "", startNs: 0n });
        for (const input of inputs) await core2.weavePackage(aspects, input);
      } catch {
        changing = true;
      }
    };
  } catch {
    return none;
  }
}
function inodeOf(path) {
  try {
    return (0, import_node_fs29.statSync)(path).ino;
  } catch {
    return -1;
  }
}
function answers(socketPath) {
  return new Promise((resolve11) => {
    const c = (0, import_node_net.createConnection)(socketPath);
    c.once("connect", () => {
      c.destroy();
      resolve11(true);
    });
    c.once("error", () => resolve11(false));
  });
}
function startServer(script, socketPath, env, start) {
  const serverEnv = withoutEntryVars(env);
  try {
    const child = (0, import_node_child_process3.spawn)(process.execPath, [script, "__weave-server", socketPath, JSON.stringify(start)], { detached: true, stdio: "ignore", cwd: "/", env: serverEnv });
    child.on("error", () => void 0);
    child.unref();
  } catch {
  }
}
function serverIdleMs(env) {
  const s = Number(env.GOWEAVE_SERVER_IDLE);
  return (Number.isFinite(s) && s > 0 ? s : 600) * 1e3;
}
function startingCommand(json) {
  try {
    const v = JSON.parse(json);
    if (isStringArray(v.argv) && typeof v.cwd === "string") {
      return { argv: v.argv, cwd: v.cwd, ...typeof v.request === "string" ? { request: v.request } : {} };
    }
  } catch {
  }
  return void 0;
}

// weaver/src/gocmd/index.ts
init_trim();
init_args();
async function runCoverWeave(args) {
  const { coverWeave: coverWeave2 } = await Promise.resolve().then(() => (init_coverweave(), coverweave_exports));
  return coverWeave2(await loadRealCore(), args);
}
async function runGo(subcommand, args, env = process.env, argv) {
  if (!WOVEN_SUBCOMMANDS.has(subcommand)) {
    return runAttached(goBinary(env), [subcommand, ...args], { env: withoutEntryVars(env) });
  }
  const parsed2 = parseGoArgs(subcommand, args);
  const versioned = versionedArgs(parsed2);
  if (versioned.length > 0) return runVersionedWith(await loadRealRunner(env), parsed2, versioned, env);
  return runGoWith(await loadRealRunner(env), subcommand, args, env, argv);
}
async function runVersionedWith(runner, parsed2, versioned, env) {
  const go = goBinary(env);
  const { module: module2, packages } = await providingModule(go, env, versioned);
  const buildEnv = { ...env, GOWORK: "off" };
  const ge = await goEnv(go, { env: buildEnv });
  const copy = ensureModuleCopy(new WeaveCache(weaveCacheDir(env)), ge.GOMODCACHE, module2, { lines: false }).copy;
  const byArg = new Map(versioned.map((v, i) => [v.arg, packages[i]]));
  if (parsed2.subcommand === "install") {
    return runGoWith(runner, "install", ["-C", copy, ...parsed2.rest.map((a) => byArg.get(a) ?? a)], buildEnv);
  }
  const execFlag = parsed2.flags.find((f) => f.name === "exec");
  const buildFlags = parsed2.flags.filter((f) => !["exec", "C", "overlay", "modfile"].includes(f.name)).flatMap((f) => f.raw);
  const programArgs = parsed2.rest.slice(parsed2.rest.indexOf(versioned[0].arg) + 1);
  const tmp = (0, import_node_fs30.mkdtempSync)((0, import_node_path28.join)((0, import_node_os5.tmpdir)(), "go-weave-run-"));
  try {
    const exe = (0, import_node_path28.join)(tmp, programName(versioned[0].path) + (process.platform === "win32" ? ".exe" : ""));
    const built = await runGoWith(runner, "build", ["-C", copy, ...buildFlags, "-o", exe, packages[0]], buildEnv);
    if (built !== 0) return built;
    const [cmd, ...pre] = execFlag?.value ? execFlag.value.split(/\s+/).filter(Boolean) : [];
    const code = await runAttached(cmd ?? exe, cmd ? [...pre, exe, ...programArgs] : programArgs, { env: withoutEntryVars(env) });
    if (code !== 0) {
      process.stderr.write(`exit status ${code}
`);
      return 1;
    }
    return 0;
  } finally {
    (0, import_node_fs30.rmSync)(tmp, { recursive: true, force: true });
  }
}
function programName(pkg) {
  const parts = pkg.split("/");
  const last = parts[parts.length - 1];
  return /^v[2-9]\d*$/.test(last) && parts.length > 1 ? parts[parts.length - 2] : last;
}
async function runGoWith(runner, subcommand, args, env = process.env, argv) {
  const startNs = BigInt(Math.floor(import_node_perf_hooks2.performance.timeOrigin)) * 1000000n;
  const r = await prepareReported(runner, subcommand, args, env);
  if (typeof r === "number") return r;
  const { p, stderr, report } = r;
  p.goEnv = withoutEntryVars(p.goEnv);
  const remember = () => rememberForReplay(p, env, argv ?? [], { stderr, report, summary: describeOutcome(p).summary, startNs }, () => assetPath("launcher"));
  if (argv && env.GOWEAVE_REPLAY_RECORD) await remember();
  const code = await runAttached(p.go, p.goArgs, { env: p.goEnv });
  if (argv && !env.GOWEAVE_REPLAY_RECORD && env.GOWEAVE_LAUNCHER) await remember();
  if (argv && env.GOWEAVE_SERVER_SOCKET && process.argv[1]) startServer(process.argv[1], env.GOWEAVE_SERVER_SOCKET, env, { argv, cwd: process.cwd(), request: env.GOWEAVE_SERVER_REQUEST });
  maybeTrimWeaveCache(new WeaveCache(weaveCacheDir(env)).root);
  return code;
}
async function prepareReported(runner, subcommand, args, env) {
  let p;
  try {
    p = await prepare(runner, subcommand, args, env, () => assetPath("runtime"));
  } catch (err) {
    const located = [];
    if (err instanceof GoCommandError) {
      process.stderr.write(err.output.endsWith("\n") || err.output === "" ? err.output : err.output + "\n");
      if (!err.output) process.stderr.write(`go-weave: ${err.message}
`);
      located.push({ message: err.output.trim() || err.message });
    } else if (err instanceof UsageError) {
      process.stderr.write(err.message + "\n");
      located.push(err.located ?? { message: err.message });
    } else {
      throw err;
    }
    appendReport(env.GOWEAVE_REPORT, { wovenPackages: 0, joinPoints: 0, aspects: [], errors: located });
    return 1;
  } finally {
    await runner.pool?.close();
  }
  const { warnings, report } = describeOutcome(p);
  process.stderr.write(warnings);
  if (env.GOWEAVE_VERBOSE) {
    const o = p.outcome;
    process.stderr.write(`go-weave: ${o.wovenPackages.length} woven packages (${o.weavedNow} woven now, the rest from the weave cache), ${o.joinPoints} join points; ${timingsLine(p)}${threads(runner.pool?.stats)}
`);
    if (runner.pool?.stats.failure) process.stderr.write(`go-weave: ${runner.pool.stats.failure}; the main thread wove the rest
`);
  }
  appendReportLine(env.GOWEAVE_REPORT, report);
  return { p, stderr: warnings, report };
}
function threads(stats) {
  if (!stats?.workers) return " on the main thread";
  return ` on the main thread + ${stats.workers} worker thread${stats.workers === 1 ? "" : "s"} (${stats.byMain} + ${stats.byWorkers} packages)`;
}
async function runDiff(args, env = process.env) {
  return runDiffWith(await loadRealRunner(env), args, env);
}
async function runDiffWith(runner, args, env = process.env, write = (s) => void process.stdout.write(s)) {
  const deps = args.includes("-deps") || args.includes("--deps");
  const rest = args.filter((a) => a !== "-deps" && a !== "--deps");
  const r = await prepareReported(runner, "build", rest, env);
  if (typeof r === "number") return r;
  const { p } = r;
  const shown = /* @__PURE__ */ new Set();
  for (const pkg of p.packages) {
    if (!pkg.Dir || !deps && pkg.DepOnly) continue;
    for (const f of pkg.GoFiles ?? []) shown.add((0, import_node_path28.join)(pkg.Dir, f));
  }
  const entries = [...p.outcome.overlay.entries()].filter(([orig]) => shown.has(orig)).sort(([a], [b]) => a < b ? -1 : 1);
  for (const [orig, woven] of entries) {
    const inside = orig.startsWith(p.cwd + import_node_path28.sep);
    const name = inside ? (0, import_node_path28.relative)(p.cwd, orig) : orig;
    const before = (0, import_node_fs30.readFileSync)(p.userOverlay.get(orig) || orig, "utf8");
    const compared = await runner.core.withoutOmittedComments?.(orig, before) ?? before;
    write(unifiedDiff(inside ? `a/${name}` : name, inside ? `b/${name}` : `${name} (woven)`, before, (0, import_node_fs30.readFileSync)(woven, "utf8"), { compared }));
  }
  return 0;
}
async function cleanCache(env = process.env) {
  new WeaveCache(weaveCacheDir(env)).clean();
}

// weaver/src/cli/main.ts
var USAGE = `go-weave: compile-time instrumentation for Go

Usage:
  go-weave build|install|run|test|vet [go flags] [packages]   the go command, woven
  go-weave go <go args>                                       any go command; build-like ones are woven
  go-weave diff [packages]                                    show woven changes as a unified diff
  go-weave weave [-c ASPECTS.yml]\u2026 [-p IMPORT_PATH] [-o OUT_DIR] [--report FILE] [--main-module] FILE.go\u2026
  go-weave aspects [-c ASPECTS.yml]\u2026 [--hash]                 list aspects and what they select
  go-weave cache clean                                        empty the weave cache (shellenv's PATH entries stay)
  go-weave shellenv [--go]                                    print the line that puts go-weave (--go: and a woven go) on PATH
  go-weave version
`;
async function main(argv) {
  const out = (s) => process.stdout.write(s);
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      // Loaded on demand: the go-command path must not pay for the core at start-up.
      case "weave":
        return await (await Promise.resolve().then(() => require("./go-weave-core.cjs"))).weaveCommand(rest, out);
      case "aspects":
        return (await Promise.resolve().then(() => require("./go-weave-core.cjs"))).aspectsCommand(rest, out);
      case "shellenv":
        return (await Promise.resolve().then(() => (init_shellenv_command(), shellenv_command_exports))).shellenvCommand(rest, process.env, out);
      case "version":
      case "--version":
        out("go-weave 0.1.0\n");
        return 0;
      case void 0:
      case "help":
      case "-h":
      case "--help":
        out(USAGE);
        return cmd === void 0 ? 2 : 0;
    }
    if (WOVEN_SUBCOMMANDS.has(cmd)) return await runGo(cmd, rest, process.env, argv);
    if (cmd === "go") {
      if (rest.length === 0) throw new WeaveError("go-weave go needs a go subcommand, e.g. go-weave go build ./...");
      return await runGo(rest[0], rest.slice(1), process.env, argv);
    }
    if (cmd === "diff") return await runDiff(rest);
    if (cmd === "cache" && rest[0] === "clean") {
      await cleanCache();
      return 0;
    }
    if (cmd === "__weave-server" && (rest.length === 1 || rest.length === 2)) {
      await serve(rest[0], serverIdleMs(process.env), rest[1] ? startingCommand(rest[1]) : void 0);
      return 0;
    }
    if (cmd === "__cover-weave" && rest.length >= 3) return await runCoverWeave(rest);
    process.stderr.write(`go-weave: unknown command "${cmd}"

${USAGE}`);
    return 2;
  } catch (e) {
    if (isWeaveError(e)) {
      process.stderr.write(`go-weave: ${e.message}
`);
      return 1;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}
`);
      return 1;
    }
    throw e;
  }
}

// weaver/src/cli/run.ts
if (isPoolWorker()) {
  runPoolWorker();
} else {
  process.stdout.on("error", (e) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(0);
  });
  let settled = false;
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (e) => {
    process.stderr.write(`go-weave: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}
`);
    process.exitCode = 3;
  }).finally(() => {
    settled = true;
  });
  process.on("beforeExit", () => {
    if (settled) return;
    process.stderr.write("go-weave: internal error: stopped with work unfinished (a pending operation was abandoned)\n");
    process.exitCode = 3;
  });
}
