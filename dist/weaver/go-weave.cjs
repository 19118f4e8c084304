#!/usr/bin/env node
const __goweave_import_meta_url = require("url").pathToFileURL(__filename).href;
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn, res, err2) => function __init() {
  if (err2) throw err2[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err2 = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
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
    } catch (err2) {
      if (err2.code !== "ENOENT") throw err2;
      (0, import_node_fs.mkdirSync)((0, import_node_path.dirname)(path), { recursive: true });
      (0, import_node_fs.writeFileSync)(tmp, data, opts);
    }
    (0, import_node_fs.renameSync)(tmp, path);
  } catch (err2) {
    (0, import_node_fs.rmSync)(tmp, { force: true });
    throw err2;
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
function isDirectory(path) {
  try {
    return (0, import_node_fs3.statSync)(path).isDirectory();
  } catch {
    return false;
  }
}
function isFile(path) {
  try {
    return (0, import_node_fs3.statSync)(path).isFile();
  } catch {
    return false;
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
  const tmp = (name) => /\.tmp-\d+-[0-9a-f]+$/.test(name);
  if (kind === SERVED) return entriesBelow(kindDir, (_p, e, dir) => !e.isDirectory() && dir.endsWith("@v") && (e.name.endsWith(".zip") || tmp(e.name)));
  const marker = NESTED[kind];
  return entriesBelow(kindDir, (p, e) => e.isDirectory() && (holds(p, marker) || tmp(e.name)));
}
function entriesBelow(root, isEntry) {
  const out = [];
  const walk = (dir, depth) => {
    let entries;
    try {
      entries = (0, import_node_fs4.readdirSync)(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = (0, import_node_path3.join)(dir, e.name);
      if (isEntry(p, e, dir)) out.push(p);
      else if (e.isDirectory() && depth < 12) walk(p, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}
function removeEntry(kind, entry) {
  if (kind === SERVED && entry.endsWith(".zip")) {
    const base = entry.slice(0, -".zip".length);
    for (const ext of SERVED_FILES) (0, import_node_fs4.rmSync)(base + ext, { force: true });
    return;
  }
  (0, import_node_fs4.rmSync)(entry, { recursive: true, force: true });
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
    if (!SHARDED.has(kind) && !FLAT.has(kind) && !(kind in NESTED) && kind !== SERVED) continue;
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
        removeEntry(kind, entry);
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
var import_node_fs4, import_node_path3, UNUSED_FOR_MS, TRIM_EVERY_MS, MARK_AFTER_MS, SHARDED, FLAT, NESTED, SERVED, SERVED_FILES;
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
    SERVED = "modproxy";
    SERVED_FILES = [".info", ".mod", ".sums", ".zip"];
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
function asLocated(err2) {
  if (err2 && typeof err2 === "object" && "message" in err2) {
    const e = err2;
    return {
      message: String(e.message),
      file: typeof e.file === "string" ? e.file : void 0,
      line: typeof e.line === "number" ? e.line : void 0,
      col: typeof e.col === "number" ? e.col : void 0
    };
  }
  return { message: String(err2) };
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
  let i2 = 0;
  let seenPackages = false;
  let packagesDone = false;
  while (i2 < args.length) {
    const arg = args[i2];
    if (arg === "-args" || arg === "--args") {
      rest.push(...args.slice(i2));
      break;
    }
    const f = flagName(arg);
    if (subcommand === "run" && seenPackages && (f || !arg.endsWith(".go") || !packages.every((q) => q.endsWith(".go")))) {
      rest.push(...args.slice(i2));
      break;
    }
    if (!f) {
      if (arg === "--") {
        rest.push(...args.slice(i2));
        break;
      }
      if (packagesDone) {
        rest.push(arg);
        i2++;
        continue;
      }
      packages.push(arg);
      seenPackages = true;
      rest.push(arg);
      i2++;
      continue;
    }
    if (seenPackages) packagesDone = true;
    const name = f.name.startsWith("test.") ? f.name.slice(5) : f.name;
    const raw = [arg];
    let value = f.inline;
    if (value === void 0 && VALUE_FLAGS.has(name) && i2 + 1 < args.length) {
      value = args[i2 + 1];
      raw.push(value);
    }
    i2 += raw.length;
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

// node_modules/semver/internal/constants.js
var require_constants = __commonJS({
  "node_modules/semver/internal/constants.js"(exports2, module2) {
    "use strict";
    var SEMVER_SPEC_VERSION = "2.0.0";
    var MAX_LENGTH = 256;
    var MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER || /* istanbul ignore next */
    9007199254740991;
    var MAX_SAFE_COMPONENT_LENGTH = 16;
    var MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6;
    var WHITESPACE_CHARACTERS = [
      "	",
      "\n",
      "\v",
      "\f",
      "\r",
      " ",
      "\xA0",
      "\u1680",
      "\u2000",
      "\u2001",
      "\u2002",
      "\u2003",
      "\u2004",
      "\u2005",
      "\u2006",
      "\u2007",
      "\u2008",
      "\u2009",
      "\u200A",
      "\u2028",
      "\u2029",
      "\u202F",
      "\u205F",
      "\u3000",
      "\uFEFF"
    ];
    var RELEASE_TYPES = [
      "major",
      "premajor",
      "minor",
      "preminor",
      "patch",
      "prepatch",
      "prerelease"
    ];
    module2.exports = {
      MAX_LENGTH,
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_SAFE_INTEGER,
      WHITESPACE_CHARACTERS,
      RELEASE_TYPES,
      SEMVER_SPEC_VERSION,
      FLAG_INCLUDE_PRERELEASE: 1,
      FLAG_LOOSE: 2
    };
  }
});

// node_modules/semver/internal/debug.js
var require_debug = __commonJS({
  "node_modules/semver/internal/debug.js"(exports2, module2) {
    "use strict";
    var debug = typeof process === "object" && process.env && process.env.NODE_DEBUG && /\bsemver\b/i.test(process.env.NODE_DEBUG) ? (...args) => console.error("SEMVER", ...args) : () => {
    };
    module2.exports = debug;
  }
});

// node_modules/semver/internal/re.js
var require_re = __commonJS({
  "node_modules/semver/internal/re.js"(exports2, module2) {
    "use strict";
    var {
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_LENGTH
    } = require_constants();
    var debug = require_debug();
    exports2 = module2.exports = {};
    var re = exports2.re = [];
    var safeRe = exports2.safeRe = [];
    var src = exports2.src = [];
    var safeSrc = exports2.safeSrc = [];
    var t = exports2.t = {};
    var R = 0;
    var LETTERDASHNUMBER = "[a-zA-Z0-9-]";
    var safeRegexReplacements = [
      ["\\s", 1],
      ["\\d", MAX_LENGTH],
      [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH]
    ];
    var makeSafeRegex = (value) => {
      for (const [token, max] of safeRegexReplacements) {
        value = value.split(`${token}*`).join(`${token}{0,${max}}`).split(`${token}+`).join(`${token}{1,${max}}`);
      }
      return value;
    };
    var createToken = (name, value, isGlobal) => {
      const safe = makeSafeRegex(value);
      const index = R++;
      debug(name, index, value);
      t[name] = index;
      src[index] = value;
      safeSrc[index] = safe;
      re[index] = new RegExp(value, isGlobal ? "g" : void 0);
      safeRe[index] = new RegExp(safe, isGlobal ? "g" : void 0);
    };
    createToken("NUMERICIDENTIFIER", "0|[1-9]\\d*");
    createToken("NUMERICIDENTIFIERLOOSE", "\\d+");
    createToken("NONNUMERICIDENTIFIER", `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`);
    createToken("MAINVERSION", `(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})`);
    createToken("MAINVERSIONLOOSE", `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASEIDENTIFIER", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIER]})`);
    createToken("PRERELEASEIDENTIFIERLOOSE", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASE", `(?:-(${src[t.PRERELEASEIDENTIFIER]}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`);
    createToken("PRERELEASELOOSE", `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`);
    createToken("BUILDIDENTIFIER", `${LETTERDASHNUMBER}+`);
    createToken("BUILD", `(?:\\+(${src[t.BUILDIDENTIFIER]}(?:\\.${src[t.BUILDIDENTIFIER]})*))`);
    createToken("FULLPLAIN", `v?${src[t.MAINVERSION]}${src[t.PRERELEASE]}?${src[t.BUILD]}?`);
    createToken("FULL", `^${src[t.FULLPLAIN]}$`);
    createToken("LOOSEPLAIN", `[v=\\s]*${src[t.MAINVERSIONLOOSE]}${src[t.PRERELEASELOOSE]}?${src[t.BUILD]}?`);
    createToken("LOOSE", `^${src[t.LOOSEPLAIN]}$`);
    createToken("GTLT", "((?:<|>)?=?)");
    createToken("XRANGEIDENTIFIERLOOSE", `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`);
    createToken("XRANGEIDENTIFIER", `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`);
    createToken("XRANGEPLAIN", `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:${src[t.PRERELEASE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGEPLAINLOOSE", `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:${src[t.PRERELEASELOOSE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`);
    createToken("XRANGELOOSE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COERCEPLAIN", `${"(^|[^\\d])(\\d{1,"}${MAX_SAFE_COMPONENT_LENGTH}})(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`);
    createToken("COERCE", `${src[t.COERCEPLAIN]}(?:$|[^\\d])`);
    createToken("COERCEFULL", src[t.COERCEPLAIN] + `(?:${src[t.PRERELEASE]})?(?:${src[t.BUILD]})?(?:$|[^\\d])`);
    createToken("COERCERTL", src[t.COERCE], true);
    createToken("COERCERTLFULL", src[t.COERCEFULL], true);
    createToken("LONETILDE", "(?:~>?)");
    createToken("TILDETRIM", `(\\s*)${src[t.LONETILDE]}\\s+`, true);
    exports2.tildeTrimReplace = "$1~";
    createToken("TILDE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`);
    createToken("TILDELOOSE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("LONECARET", "(?:\\^)");
    createToken("CARETTRIM", `(\\s*)${src[t.LONECARET]}\\s+`, true);
    exports2.caretTrimReplace = "$1^";
    createToken("CARET", `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`);
    createToken("CARETLOOSE", `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COMPARATORLOOSE", `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`);
    createToken("COMPARATOR", `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`);
    createToken("COMPARATORTRIM", `(\\s*)${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true);
    exports2.comparatorTrimReplace = "$1$2$3";
    createToken("HYPHENRANGE", `^\\s*(${src[t.XRANGEPLAIN]})\\s+-\\s+(${src[t.XRANGEPLAIN]})\\s*$`);
    createToken("HYPHENRANGELOOSE", `^\\s*(${src[t.XRANGEPLAINLOOSE]})\\s+-\\s+(${src[t.XRANGEPLAINLOOSE]})\\s*$`);
    createToken("STAR", "(<|>)?=?\\s*\\*");
    createToken("GTE0", "^\\s*>=\\s*0\\.0\\.0\\s*$");
    createToken("GTE0PRE", "^\\s*>=\\s*0\\.0\\.0-0\\s*$");
  }
});

// node_modules/semver/internal/parse-options.js
var require_parse_options = __commonJS({
  "node_modules/semver/internal/parse-options.js"(exports2, module2) {
    "use strict";
    var looseOption = Object.freeze({ loose: true });
    var emptyOpts = Object.freeze({});
    var parseOptions = (options) => {
      if (!options) {
        return emptyOpts;
      }
      if (typeof options !== "object") {
        return looseOption;
      }
      return options;
    };
    module2.exports = parseOptions;
  }
});

// node_modules/semver/internal/identifiers.js
var require_identifiers = __commonJS({
  "node_modules/semver/internal/identifiers.js"(exports2, module2) {
    "use strict";
    var numeric = /^[0-9]+$/;
    var compareIdentifiers = (a, b) => {
      if (typeof a === "number" && typeof b === "number") {
        return a === b ? 0 : a < b ? -1 : 1;
      }
      const anum = numeric.test(a);
      const bnum = numeric.test(b);
      if (anum && bnum) {
        a = +a;
        b = +b;
      }
      return a === b ? 0 : anum && !bnum ? -1 : bnum && !anum ? 1 : a < b ? -1 : 1;
    };
    var rcompareIdentifiers = (a, b) => compareIdentifiers(b, a);
    module2.exports = {
      compareIdentifiers,
      rcompareIdentifiers
    };
  }
});

// node_modules/semver/classes/semver.js
var require_semver = __commonJS({
  "node_modules/semver/classes/semver.js"(exports2, module2) {
    "use strict";
    var debug = require_debug();
    var { MAX_LENGTH, MAX_SAFE_INTEGER } = require_constants();
    var { safeRe: re, t } = require_re();
    var parseOptions = require_parse_options();
    var { compareIdentifiers } = require_identifiers();
    var isPrereleaseIdentifier = (prerelease, identifier) => {
      const identifiers = identifier.split(".");
      if (identifiers.length > prerelease.length) {
        return false;
      }
      for (let i2 = 0; i2 < identifiers.length; i2++) {
        if (compareIdentifiers(prerelease[i2], identifiers[i2]) !== 0) {
          return false;
        }
      }
      return true;
    };
    var SemVer = class _SemVer {
      constructor(version, options) {
        options = parseOptions(options);
        if (version instanceof _SemVer) {
          if (version.loose === !!options.loose && version.includePrerelease === !!options.includePrerelease) {
            return version;
          } else {
            version = version.version;
          }
        } else if (typeof version !== "string") {
          throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`);
        }
        if (version.length > MAX_LENGTH) {
          throw new TypeError(
            `version is longer than ${MAX_LENGTH} characters`
          );
        }
        debug("SemVer", version, options);
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL]);
        if (!m) {
          throw new TypeError(`Invalid Version: ${version}`);
        }
        this.raw = version;
        this.major = +m[1];
        this.minor = +m[2];
        this.patch = +m[3];
        if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
          throw new TypeError("Invalid major version");
        }
        if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
          throw new TypeError("Invalid minor version");
        }
        if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
          throw new TypeError("Invalid patch version");
        }
        if (!m[4]) {
          this.prerelease = [];
        } else {
          this.prerelease = m[4].split(".").map((id) => {
            if (/^[0-9]+$/.test(id)) {
              const num = +id;
              if (num >= 0 && num < MAX_SAFE_INTEGER) {
                return num;
              }
            }
            return id;
          });
        }
        this.build = m[5] ? m[5].split(".") : [];
        this.format();
      }
      format() {
        this.version = `${this.major}.${this.minor}.${this.patch}`;
        if (this.prerelease.length) {
          this.version += `-${this.prerelease.join(".")}`;
        }
        return this.version;
      }
      toString() {
        return this.version;
      }
      compare(other) {
        debug("SemVer.compare", this.version, this.options, other);
        if (!(other instanceof _SemVer)) {
          if (typeof other === "string" && other === this.version) {
            return 0;
          }
          other = new _SemVer(other, this.options);
        }
        if (other.version === this.version) {
          return 0;
        }
        return this.compareMain(other) || this.comparePre(other);
      }
      compareMain(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.major < other.major) {
          return -1;
        }
        if (this.major > other.major) {
          return 1;
        }
        if (this.minor < other.minor) {
          return -1;
        }
        if (this.minor > other.minor) {
          return 1;
        }
        if (this.patch < other.patch) {
          return -1;
        }
        if (this.patch > other.patch) {
          return 1;
        }
        return 0;
      }
      comparePre(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.prerelease.length && !other.prerelease.length) {
          return -1;
        } else if (!this.prerelease.length && other.prerelease.length) {
          return 1;
        } else if (!this.prerelease.length && !other.prerelease.length) {
          return 0;
        }
        let i2 = 0;
        do {
          const a = this.prerelease[i2];
          const b = other.prerelease[i2];
          debug("prerelease compare", i2, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i2);
      }
      compareBuild(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        let i2 = 0;
        do {
          const a = this.build[i2];
          const b = other.build[i2];
          debug("build compare", i2, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i2);
      }
      // preminor will bump the version up to the next minor release, and immediately
      // down to pre-release. premajor and prepatch work the same way.
      inc(release, identifier, identifierBase) {
        if (release.startsWith("pre")) {
          if (!identifier && identifierBase === false) {
            throw new Error("invalid increment argument: identifier is empty");
          }
          if (identifier) {
            const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE]);
            if (!match || match[1] !== identifier) {
              throw new Error(`invalid identifier: ${identifier}`);
            }
          }
        }
        switch (release) {
          case "premajor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor = 0;
            this.major++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "preminor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "prepatch":
            this.prerelease.length = 0;
            this.inc("patch", identifier, identifierBase);
            this.inc("pre", identifier, identifierBase);
            break;
          // If the input is a non-prerelease version, this acts the same as
          // prepatch.
          case "prerelease":
            if (this.prerelease.length === 0) {
              this.inc("patch", identifier, identifierBase);
            }
            this.inc("pre", identifier, identifierBase);
            break;
          case "release":
            if (this.prerelease.length === 0) {
              throw new Error(`version ${this.raw} is not a prerelease`);
            }
            this.prerelease.length = 0;
            break;
          case "major":
            if (this.minor !== 0 || this.patch !== 0 || this.prerelease.length === 0) {
              this.major++;
            }
            this.minor = 0;
            this.patch = 0;
            this.prerelease = [];
            break;
          case "minor":
            if (this.patch !== 0 || this.prerelease.length === 0) {
              this.minor++;
            }
            this.patch = 0;
            this.prerelease = [];
            break;
          case "patch":
            if (this.prerelease.length === 0) {
              this.patch++;
            }
            this.prerelease = [];
            break;
          // This probably shouldn't be used publicly.
          // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
          case "pre": {
            const base = Number(identifierBase) ? 1 : 0;
            if (this.prerelease.length === 0) {
              this.prerelease = [base];
            } else {
              let i2 = this.prerelease.length;
              while (--i2 >= 0) {
                if (typeof this.prerelease[i2] === "number") {
                  this.prerelease[i2]++;
                  i2 = -2;
                }
              }
              if (i2 === -1) {
                if (identifier === this.prerelease.join(".") && identifierBase === false) {
                  throw new Error("invalid increment argument: identifier already exists");
                }
                this.prerelease.push(base);
              }
            }
            if (identifier) {
              let prerelease = [identifier, base];
              if (identifierBase === false) {
                prerelease = [identifier];
              }
              if (isPrereleaseIdentifier(this.prerelease, identifier)) {
                const prereleaseBase = this.prerelease[identifier.split(".").length];
                if (isNaN(prereleaseBase)) {
                  this.prerelease = prerelease;
                }
              } else {
                this.prerelease = prerelease;
              }
            }
            break;
          }
          default:
            throw new Error(`invalid increment argument: ${release}`);
        }
        this.raw = this.format();
        if (this.build.length) {
          this.raw += `+${this.build.join(".")}`;
        }
        return this;
      }
    };
    module2.exports = SemVer;
  }
});

// node_modules/semver/functions/parse.js
var require_parse = __commonJS({
  "node_modules/semver/functions/parse.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var parse = (version, options, throwErrors = false) => {
      if (version instanceof SemVer) {
        return version;
      }
      try {
        return new SemVer(version, options);
      } catch (er) {
        if (!throwErrors) {
          return null;
        }
        throw er;
      }
    };
    module2.exports = parse;
  }
});

// node_modules/semver/functions/valid.js
var require_valid = __commonJS({
  "node_modules/semver/functions/valid.js"(exports2, module2) {
    "use strict";
    var parse = require_parse();
    var valid = (version, options) => {
      const v = parse(version, options);
      return v ? v.version : null;
    };
    module2.exports = valid;
  }
});

// node_modules/semver/functions/clean.js
var require_clean = __commonJS({
  "node_modules/semver/functions/clean.js"(exports2, module2) {
    "use strict";
    var parse = require_parse();
    var clean = (version, options) => {
      const s = parse(version.trim().replace(/^[=v]+/, ""), options);
      return s ? s.version : null;
    };
    module2.exports = clean;
  }
});

// node_modules/semver/functions/inc.js
var require_inc = __commonJS({
  "node_modules/semver/functions/inc.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var inc = (version, release, options, identifier, identifierBase) => {
      if (typeof options === "string") {
        identifierBase = identifier;
        identifier = options;
        options = void 0;
      }
      try {
        return new SemVer(
          version instanceof SemVer ? version.version : version,
          options
        ).inc(release, identifier, identifierBase).version;
      } catch (er) {
        return null;
      }
    };
    module2.exports = inc;
  }
});

// node_modules/semver/functions/diff.js
var require_diff = __commonJS({
  "node_modules/semver/functions/diff.js"(exports2, module2) {
    "use strict";
    var parse = require_parse();
    var diff = (version1, version2) => {
      const v1 = parse(version1, null, true);
      const v2 = parse(version2, null, true);
      const comparison = v1.compare(v2);
      if (comparison === 0) {
        return null;
      }
      const v1Higher = comparison > 0;
      const highVersion = v1Higher ? v1 : v2;
      const lowVersion = v1Higher ? v2 : v1;
      const highHasPre = !!highVersion.prerelease.length;
      const lowHasPre = !!lowVersion.prerelease.length;
      if (lowHasPre && !highHasPre) {
        if (!lowVersion.patch && !lowVersion.minor) {
          return "major";
        }
        if (lowVersion.compareMain(highVersion) === 0) {
          if (lowVersion.minor && !lowVersion.patch) {
            return "minor";
          }
          return "patch";
        }
      }
      const prefix = highHasPre ? "pre" : "";
      if (v1.major !== v2.major) {
        return prefix + "major";
      }
      if (v1.minor !== v2.minor) {
        return prefix + "minor";
      }
      if (v1.patch !== v2.patch) {
        return prefix + "patch";
      }
      return "prerelease";
    };
    module2.exports = diff;
  }
});

// node_modules/semver/functions/major.js
var require_major = __commonJS({
  "node_modules/semver/functions/major.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var major = (a, loose) => new SemVer(a, loose).major;
    module2.exports = major;
  }
});

// node_modules/semver/functions/minor.js
var require_minor = __commonJS({
  "node_modules/semver/functions/minor.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var minor = (a, loose) => new SemVer(a, loose).minor;
    module2.exports = minor;
  }
});

// node_modules/semver/functions/patch.js
var require_patch = __commonJS({
  "node_modules/semver/functions/patch.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var patch = (a, loose) => new SemVer(a, loose).patch;
    module2.exports = patch;
  }
});

// node_modules/semver/functions/prerelease.js
var require_prerelease = __commonJS({
  "node_modules/semver/functions/prerelease.js"(exports2, module2) {
    "use strict";
    var parse = require_parse();
    var prerelease = (version, options) => {
      const parsed2 = parse(version, options);
      return parsed2 && parsed2.prerelease.length ? parsed2.prerelease : null;
    };
    module2.exports = prerelease;
  }
});

// node_modules/semver/functions/compare.js
var require_compare = __commonJS({
  "node_modules/semver/functions/compare.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var compare = (a, b, loose) => new SemVer(a, loose).compare(new SemVer(b, loose));
    module2.exports = compare;
  }
});

// node_modules/semver/functions/rcompare.js
var require_rcompare = __commonJS({
  "node_modules/semver/functions/rcompare.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var rcompare = (a, b, loose) => compare(b, a, loose);
    module2.exports = rcompare;
  }
});

// node_modules/semver/functions/compare-loose.js
var require_compare_loose = __commonJS({
  "node_modules/semver/functions/compare-loose.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var compareLoose = (a, b) => compare(a, b, true);
    module2.exports = compareLoose;
  }
});

// node_modules/semver/functions/compare-build.js
var require_compare_build = __commonJS({
  "node_modules/semver/functions/compare-build.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var compareBuild = (a, b, loose) => {
      const versionA = new SemVer(a, loose);
      const versionB = new SemVer(b, loose);
      return versionA.compare(versionB) || versionA.compareBuild(versionB);
    };
    module2.exports = compareBuild;
  }
});

// node_modules/semver/functions/sort.js
var require_sort = __commonJS({
  "node_modules/semver/functions/sort.js"(exports2, module2) {
    "use strict";
    var compareBuild = require_compare_build();
    var sort = (list, loose) => list.sort((a, b) => compareBuild(a, b, loose));
    module2.exports = sort;
  }
});

// node_modules/semver/functions/rsort.js
var require_rsort = __commonJS({
  "node_modules/semver/functions/rsort.js"(exports2, module2) {
    "use strict";
    var compareBuild = require_compare_build();
    var rsort = (list, loose) => list.sort((a, b) => compareBuild(b, a, loose));
    module2.exports = rsort;
  }
});

// node_modules/semver/functions/gt.js
var require_gt = __commonJS({
  "node_modules/semver/functions/gt.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var gt = (a, b, loose) => compare(a, b, loose) > 0;
    module2.exports = gt;
  }
});

// node_modules/semver/functions/lt.js
var require_lt = __commonJS({
  "node_modules/semver/functions/lt.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var lt = (a, b, loose) => compare(a, b, loose) < 0;
    module2.exports = lt;
  }
});

// node_modules/semver/functions/eq.js
var require_eq = __commonJS({
  "node_modules/semver/functions/eq.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var eq = (a, b, loose) => compare(a, b, loose) === 0;
    module2.exports = eq;
  }
});

// node_modules/semver/functions/neq.js
var require_neq = __commonJS({
  "node_modules/semver/functions/neq.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var neq = (a, b, loose) => compare(a, b, loose) !== 0;
    module2.exports = neq;
  }
});

// node_modules/semver/functions/gte.js
var require_gte = __commonJS({
  "node_modules/semver/functions/gte.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var gte = (a, b, loose) => compare(a, b, loose) >= 0;
    module2.exports = gte;
  }
});

// node_modules/semver/functions/lte.js
var require_lte = __commonJS({
  "node_modules/semver/functions/lte.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var lte = (a, b, loose) => compare(a, b, loose) <= 0;
    module2.exports = lte;
  }
});

// node_modules/semver/functions/cmp.js
var require_cmp = __commonJS({
  "node_modules/semver/functions/cmp.js"(exports2, module2) {
    "use strict";
    var eq = require_eq();
    var neq = require_neq();
    var gt = require_gt();
    var gte = require_gte();
    var lt = require_lt();
    var lte = require_lte();
    var cmp = (a, op, b, loose) => {
      switch (op) {
        case "===":
          if (typeof a === "object") {
            a = a.version;
          }
          if (typeof b === "object") {
            b = b.version;
          }
          return a === b;
        case "!==":
          if (typeof a === "object") {
            a = a.version;
          }
          if (typeof b === "object") {
            b = b.version;
          }
          return a !== b;
        case "":
        case "=":
        case "==":
          return eq(a, b, loose);
        case "!=":
          return neq(a, b, loose);
        case ">":
          return gt(a, b, loose);
        case ">=":
          return gte(a, b, loose);
        case "<":
          return lt(a, b, loose);
        case "<=":
          return lte(a, b, loose);
        default:
          throw new TypeError(`Invalid operator: ${op}`);
      }
    };
    module2.exports = cmp;
  }
});

// node_modules/semver/functions/coerce.js
var require_coerce = __commonJS({
  "node_modules/semver/functions/coerce.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var parse = require_parse();
    var { safeRe: re, t } = require_re();
    var coerce = (version, options) => {
      if (version instanceof SemVer) {
        return version;
      }
      if (typeof version === "number") {
        version = String(version);
      }
      if (typeof version !== "string") {
        return null;
      }
      options = options || {};
      let match = null;
      if (!options.rtl) {
        match = version.match(options.includePrerelease ? re[t.COERCEFULL] : re[t.COERCE]);
      } else {
        const coerceRtlRegex = options.includePrerelease ? re[t.COERCERTLFULL] : re[t.COERCERTL];
        let next;
        while ((next = coerceRtlRegex.exec(version)) && (!match || match.index + match[0].length !== version.length)) {
          if (!match || next.index + next[0].length !== match.index + match[0].length) {
            match = next;
          }
          coerceRtlRegex.lastIndex = next.index + next[1].length + next[2].length;
        }
        coerceRtlRegex.lastIndex = -1;
      }
      if (match === null) {
        return null;
      }
      const major = match[2];
      const minor = match[3] || "0";
      const patch = match[4] || "0";
      const prerelease = options.includePrerelease && match[5] ? `-${match[5]}` : "";
      const build = options.includePrerelease && match[6] ? `+${match[6]}` : "";
      return parse(`${major}.${minor}.${patch}${prerelease}${build}`, options);
    };
    module2.exports = coerce;
  }
});

// node_modules/semver/functions/truncate.js
var require_truncate = __commonJS({
  "node_modules/semver/functions/truncate.js"(exports2, module2) {
    "use strict";
    var parse = require_parse();
    var constants2 = require_constants();
    var SemVer = require_semver();
    var truncate = (version, truncation, options) => {
      if (!constants2.RELEASE_TYPES.includes(truncation)) {
        return null;
      }
      const clonedVersion = cloneInputVersion(version, options);
      return clonedVersion && doTruncation(clonedVersion, truncation);
    };
    var cloneInputVersion = (version, options) => {
      const versionStringToParse = version instanceof SemVer ? version.version : version;
      return parse(versionStringToParse, options);
    };
    var doTruncation = (version, truncation) => {
      if (isPrerelease(truncation)) {
        return version.version;
      }
      version.prerelease = [];
      switch (truncation) {
        case "major":
          version.minor = 0;
          version.patch = 0;
          break;
        case "minor":
          version.patch = 0;
          break;
      }
      return version.format();
    };
    var isPrerelease = (type) => {
      return type.startsWith("pre");
    };
    module2.exports = truncate;
  }
});

// node_modules/semver/internal/lrucache.js
var require_lrucache = __commonJS({
  "node_modules/semver/internal/lrucache.js"(exports2, module2) {
    "use strict";
    var LRUCache = class {
      constructor() {
        this.max = 1e3;
        this.map = /* @__PURE__ */ new Map();
      }
      get(key) {
        const value = this.map.get(key);
        if (value === void 0) {
          return void 0;
        } else {
          this.map.delete(key);
          this.map.set(key, value);
          return value;
        }
      }
      delete(key) {
        return this.map.delete(key);
      }
      set(key, value) {
        const deleted = this.delete(key);
        if (!deleted && value !== void 0) {
          if (this.map.size >= this.max) {
            const firstKey = this.map.keys().next().value;
            this.delete(firstKey);
          }
          this.map.set(key, value);
        }
        return this;
      }
    };
    module2.exports = LRUCache;
  }
});

// node_modules/semver/internal/trim-comparator-whitespace.js
var require_trim_comparator_whitespace = __commonJS({
  "node_modules/semver/internal/trim-comparator-whitespace.js"(exports2, module2) {
    "use strict";
    var {
      MAX_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      WHITESPACE_CHARACTERS
    } = require_constants();
    var whitespace = new Uint8Array(65536);
    for (const char of WHITESPACE_CHARACTERS) {
      whitespace[char.charCodeAt(0)] = 1;
    }
    var isWhitespace = (char) => char !== void 0 && whitespace[char.charCodeAt(0)] === 1;
    var isVersionPrefix = (char) => char === "v" || char === "=" || isWhitespace(char);
    var isDigit = (char) => char !== void 0 && char >= "0" && char <= "9";
    var isLetter = (char) => char !== void 0 && (char >= "a" && char <= "z" || char >= "A" && char <= "Z");
    var isIdentifierCharacter = (char) => isDigit(char) || isLetter(char) || char === "-";
    var isVersionStart = (char) => isDigit(char) || char === "x" || char === "X" || char === "*";
    var findDigitsEndIndex = (range, start, limit, digitRuns) => {
      if (!isDigit(range[start])) {
        return start;
      }
      if (start >= digitRuns.start && start < digitRuns.end) {
        return Math.min(start + limit, digitRuns.end);
      }
      if (start >= digitRuns.previousStart && start < digitRuns.previousEnd) {
        return Math.min(start + limit, digitRuns.previousEnd);
      }
      let end = start + 1;
      while (isDigit(range[end])) {
        end++;
      }
      digitRuns.previousStart = digitRuns.start;
      digitRuns.previousEnd = digitRuns.end;
      digitRuns.start = start;
      digitRuns.end = end;
      return Math.min(start + limit, end);
    };
    var findVersionNumberEndIndex = (range, start, loose, digitRuns) => {
      if (!loose && range[start] === "0") {
        return start + 1;
      }
      return findDigitsEndIndex(range, start, loose ? MAX_LENGTH : MAX_LENGTH + 1, digitRuns);
    };
    var findPrereleaseIdentifierEndIndex = (range, start, loose, digitRuns) => {
      const digitsEnd = findDigitsEndIndex(range, start, MAX_LENGTH, digitRuns);
      if (isLetter(range[digitsEnd]) || range[digitsEnd] === "-") {
        let end = digitsEnd + 1;
        const limit = end + MAX_SAFE_BUILD_LENGTH;
        while (end < limit && isIdentifierCharacter(range[end])) {
          end++;
        }
        return end;
      }
      return findVersionNumberEndIndex(range, start, loose, digitRuns);
    };
    var findPrereleaseEndIndex = (range, start, loose, digitRuns) => {
      const hyphen = range[start] === "-";
      if (!loose && !hyphen) {
        return start;
      }
      const identifierStart = start + (hyphen ? 1 : 0);
      let end = findPrereleaseIdentifierEndIndex(range, identifierStart, loose, digitRuns);
      if (end === identifierStart) {
        if (!loose || !hyphen) {
          return start;
        }
        end = findPrereleaseIdentifierEndIndex(range, start, loose, digitRuns);
      }
      while (range[end] === ".") {
        const next = findPrereleaseIdentifierEndIndex(range, end + 1, loose, digitRuns);
        if (next === end + 1) {
          break;
        }
        end = next;
      }
      return end;
    };
    var findBuildIdentifierEndIndex = (range, start) => {
      let end = start;
      while (end - start < MAX_SAFE_BUILD_LENGTH && isIdentifierCharacter(range[end])) {
        end++;
      }
      return end;
    };
    var findBuildEndIndex = (range, start) => {
      if (range[start] !== "+") {
        return start;
      }
      let end = findBuildIdentifierEndIndex(range, start + 1);
      if (end === start + 1) {
        return start;
      }
      while (range[end] === ".") {
        const next = findBuildIdentifierEndIndex(range, end + 1);
        if (next === end + 1) {
          break;
        }
        end = next;
      }
      return end;
    };
    var findLooseFullVersionEndIndex = (range, start, digitRuns) => {
      let end = start;
      for (let component = 0; component < 3; component++) {
        const next = findVersionNumberEndIndex(range, end, true, digitRuns);
        if (next === end) {
          return start;
        }
        end = next;
        if (component < 2) {
          if (range[end] !== ".") {
            return start;
          }
          end++;
        }
      }
      const prereleaseEnd = findPrereleaseEndIndex(range, end, true, digitRuns);
      return findBuildEndIndex(range, prereleaseEnd);
    };
    var findPartialVersionComponentEndIndex = (range, start, digitRuns) => {
      if (isDigit(range[start])) {
        return findVersionNumberEndIndex(range, start, false, digitRuns);
      }
      return isVersionStart(range[start]) ? start + 1 : start;
    };
    var findPartialVersionEndIndex = (range, start, digitRuns) => {
      let end = findPartialVersionComponentEndIndex(range, start, digitRuns);
      for (let component = 0; component < 2; component++) {
        if (range[end] !== ".") {
          return end;
        }
        const next = findPartialVersionComponentEndIndex(range, end + 1, digitRuns);
        if (next === end + 1) {
          return end;
        }
        end = next;
      }
      const prereleaseEnd = findPrereleaseEndIndex(range, end, false, digitRuns);
      return findBuildEndIndex(range, prereleaseEnd);
    };
    var findVersionEndIndex = (range, start, digitRuns) => {
      const fullVersionEnd = findLooseFullVersionEndIndex(range, start, digitRuns);
      return fullVersionEnd !== start ? fullVersionEnd : findPartialVersionEndIndex(range, start, digitRuns);
    };
    var findRemovableWhitespaceIndex = (range, matchStart) => {
      let position = matchStart;
      if (isWhitespace(range[position])) {
        position++;
      }
      if (range[position] === "<" || range[position] === ">") {
        position++;
      }
      if (range[position] === "=") {
        position++;
      }
      return isWhitespace(range[position]) ? position : -1;
    };
    var trimComparatorWhitespace = (range) => {
      let result = "";
      let copyFrom = 0;
      let cursor = 0;
      const digitRuns = { start: -1, end: -1, previousStart: -1, previousEnd: -1 };
      while (cursor < range.length) {
        const matchStart = cursor;
        if (range[cursor] === "<" || range[cursor] === ">") {
          cursor++;
        } else if (!isVersionPrefix(range[cursor]) && !isVersionStart(range[cursor])) {
          cursor++;
          continue;
        }
        while (cursor < range.length && isVersionPrefix(range[cursor])) {
          cursor++;
        }
        if (!isVersionStart(range[cursor])) {
          continue;
        }
        const whitespacePosition = findRemovableWhitespaceIndex(range, matchStart);
        if (whitespacePosition !== -1) {
          result += range.slice(copyFrom, whitespacePosition);
          copyFrom = whitespacePosition + 1;
        }
        cursor = findVersionEndIndex(range, cursor, digitRuns);
      }
      return result + range.slice(copyFrom);
    };
    module2.exports = trimComparatorWhitespace;
  }
});

// node_modules/semver/classes/range.js
var require_range = __commonJS({
  "node_modules/semver/classes/range.js"(exports2, module2) {
    "use strict";
    var SPACE_CHARACTERS = /\s+/g;
    var Range = class _Range {
      constructor(range, options) {
        options = parseOptions(options);
        if (range instanceof _Range) {
          if (range.loose === !!options.loose && range.includePrerelease === !!options.includePrerelease) {
            return range;
          } else {
            return new _Range(range.raw, options);
          }
        }
        if (range instanceof Comparator) {
          this.raw = range.value;
          this.set = [[range]];
          this.formatted = void 0;
          return this;
        }
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        this.raw = range.trim().replace(SPACE_CHARACTERS, " ");
        this.set = this.raw.split("||").map((r) => this.parseRange(r.trim())).filter((c) => c.length);
        if (!this.set.length) {
          throw new TypeError(`Invalid SemVer Range: ${this.raw}`);
        }
        if (this.set.length > 1) {
          const first = this.set[0];
          this.set = this.set.filter((c) => !isNullSet(c[0]));
          if (this.set.length === 0) {
            this.set = [first];
          } else if (this.set.length > 1) {
            for (const c of this.set) {
              if (c.length === 1 && isAny(c[0])) {
                this.set = [c];
                break;
              }
            }
          }
        }
        this.formatted = void 0;
      }
      get range() {
        if (this.formatted === void 0) {
          this.formatted = "";
          for (let i2 = 0; i2 < this.set.length; i2++) {
            if (i2 > 0) {
              this.formatted += "||";
            }
            const comps = this.set[i2];
            for (let k = 0; k < comps.length; k++) {
              if (k > 0) {
                this.formatted += " ";
              }
              this.formatted += comps[k].toString().trim();
            }
          }
        }
        return this.formatted;
      }
      format() {
        return this.range;
      }
      toString() {
        return this.range;
      }
      parseRange(range) {
        range = range.replace(BUILDSTRIPRE, "");
        const memoOpts = (this.options.includePrerelease && FLAG_INCLUDE_PRERELEASE) | (this.options.loose && FLAG_LOOSE);
        const memoKey = memoOpts + ":" + range;
        const cached = cache.get(memoKey);
        if (cached) {
          return cached;
        }
        const loose = this.options.loose;
        const hr = loose ? re[t.HYPHENRANGELOOSE] : re[t.HYPHENRANGE];
        range = range.replace(hr, hyphenReplace(this.options.includePrerelease));
        debug("hyphen replace", range);
        range = trimComparatorWhitespace(range);
        debug("comparator trim", range);
        range = range.replace(re[t.TILDETRIM], tildeTrimReplace);
        debug("tilde trim", range);
        range = range.replace(re[t.CARETTRIM], caretTrimReplace);
        debug("caret trim", range);
        let rangeList = range.split(" ").map((comp) => parseComparator(comp, this.options)).join(" ").split(/\s+/).map((comp) => replaceGTE0(comp, this.options));
        if (loose) {
          rangeList = rangeList.filter((comp) => {
            debug("loose invalid filter", comp, this.options);
            return !!comp.match(re[t.COMPARATORLOOSE]);
          });
        }
        debug("range list", rangeList);
        const rangeMap = /* @__PURE__ */ new Map();
        const comparators = rangeList.map((comp) => new Comparator(comp, this.options));
        for (const comp of comparators) {
          if (isNullSet(comp)) {
            return [comp];
          }
          rangeMap.set(comp.value, comp);
        }
        if (rangeMap.size > 1 && rangeMap.has("")) {
          rangeMap.delete("");
        }
        const result = [...rangeMap.values()];
        cache.set(memoKey, result);
        return result;
      }
      intersects(range, options) {
        if (!(range instanceof _Range)) {
          throw new TypeError("a Range is required");
        }
        return this.set.some((thisComparators) => {
          return isSatisfiable(thisComparators, options) && range.set.some((rangeComparators) => {
            return isSatisfiable(rangeComparators, options) && thisComparators.every((thisComparator) => {
              return rangeComparators.every((rangeComparator) => {
                return thisComparator.intersects(rangeComparator, options);
              });
            });
          });
        });
      }
      // if ANY of the sets match ALL of its comparators, then pass
      test(version) {
        if (!version) {
          return false;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        for (let i2 = 0; i2 < this.set.length; i2++) {
          if (testSet(this.set[i2], version, this.options)) {
            return true;
          }
        }
        return false;
      }
    };
    module2.exports = Range;
    var LRU = require_lrucache();
    var cache = new LRU();
    var parseOptions = require_parse_options();
    var Comparator = require_comparator();
    var debug = require_debug();
    var SemVer = require_semver();
    var trimComparatorWhitespace = require_trim_comparator_whitespace();
    var {
      safeRe: re,
      src,
      t,
      tildeTrimReplace,
      caretTrimReplace
    } = require_re();
    var { FLAG_INCLUDE_PRERELEASE, FLAG_LOOSE } = require_constants();
    var BUILDSTRIPRE = new RegExp(src[t.BUILD], "g");
    var isNullSet = (c) => c.value === "<0.0.0-0";
    var isAny = (c) => c.value === "";
    var isSatisfiable = (comparators, options) => {
      let result = true;
      const remainingComparators = comparators.slice();
      let testComparator = remainingComparators.pop();
      while (result && remainingComparators.length) {
        result = remainingComparators.every((otherComparator) => {
          return testComparator.intersects(otherComparator, options);
        });
        testComparator = remainingComparators.pop();
      }
      return result;
    };
    var parseComparator = (comp, options) => {
      comp = comp.replace(re[t.BUILD], "");
      debug("comp", comp, options);
      comp = replaceCarets(comp, options);
      debug("caret", comp);
      comp = replaceTildes(comp, options);
      debug("tildes", comp);
      comp = replaceXRanges(comp, options);
      debug("xrange", comp);
      comp = replaceStars(comp, options);
      debug("stars", comp);
      return comp;
    };
    var isX = (id) => !id || id.toLowerCase() === "x" || id === "*";
    var invalidXRangeOrder = (M, m, p) => isX(M) && !isX(m) || isX(m) && p && !isX(p);
    var replaceTildes = (comp, options) => {
      return comp.trim().split(/\s+/).map((c) => replaceTilde(c, options)).join(" ");
    };
    var replaceTilde = (comp, options) => {
      const r = options.loose ? re[t.TILDELOOSE] : re[t.TILDE];
      const z = options.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p, pr) => {
        debug("tilde", comp, _, M, m, p, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p)) {
          ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
        } else if (pr) {
          debug("replaceTilde pr", pr);
          ret = `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`;
        } else {
          ret = `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`;
        }
        debug("tilde return", ret);
        return ret;
      });
    };
    var replaceCarets = (comp, options) => {
      return comp.trim().split(/\s+/).map((c) => replaceCaret(c, options)).join(" ");
    };
    var replaceCaret = (comp, options) => {
      debug("caret", comp, options);
      const r = options.loose ? re[t.CARETLOOSE] : re[t.CARET];
      const z = options.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p, pr) => {
        debug("caret", comp, _, M, m, p, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p)) {
          if (M === "0") {
            ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
          } else {
            ret = `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`;
          }
        } else if (pr) {
          debug("replaceCaret pr", pr);
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p}-${pr} <${M}.${m}.${+p + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p}-${pr} <${+M + 1}.0.0-0`;
          }
        } else {
          debug("no pr");
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p} <${M}.${m}.${+p + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p} <${+M + 1}.0.0-0`;
          }
        }
        debug("caret return", ret);
        return ret;
      });
    };
    var replaceXRanges = (comp, options) => {
      debug("replaceXRanges", comp, options);
      return comp.split(/\s+/).map((c) => replaceXRange(c, options)).join(" ");
    };
    var replaceXRange = (comp, options) => {
      comp = comp.trim();
      const r = options.loose ? re[t.XRANGELOOSE] : re[t.XRANGE];
      return comp.replace(r, (ret, gtlt, M, m, p, pr) => {
        debug("xRange", comp, ret, gtlt, M, m, p, pr);
        if (invalidXRangeOrder(M, m, p)) {
          return comp;
        }
        const xM = isX(M);
        const xm = xM || isX(m);
        const xp = xm || isX(p);
        const anyX = xp;
        if (gtlt === "=" && anyX) {
          gtlt = "";
        }
        pr = options.includePrerelease ? "-0" : "";
        if (xM) {
          if (gtlt === ">" || gtlt === "<") {
            ret = "<0.0.0-0";
          } else {
            ret = "*";
          }
        } else if (gtlt && anyX) {
          if (xm) {
            m = 0;
          }
          p = 0;
          if (gtlt === ">") {
            gtlt = ">=";
            if (xm) {
              M = +M + 1;
              m = 0;
              p = 0;
            } else {
              m = +m + 1;
              p = 0;
            }
          } else if (gtlt === "<=") {
            gtlt = "<";
            if (xm) {
              M = +M + 1;
            } else {
              m = +m + 1;
            }
          }
          if (gtlt === "<") {
            pr = "-0";
          }
          ret = `${gtlt + M}.${m}.${p}${pr}`;
        } else if (xm) {
          ret = `>=${M}.0.0${pr} <${+M + 1}.0.0-0`;
        } else if (xp) {
          ret = `>=${M}.${m}.0${pr} <${M}.${+m + 1}.0-0`;
        }
        debug("xRange return", ret);
        return ret;
      });
    };
    var replaceStars = (comp, options) => {
      debug("replaceStars", comp, options);
      return comp.trim().replace(re[t.STAR], "");
    };
    var replaceGTE0 = (comp, options) => {
      debug("replaceGTE0", comp, options);
      return comp.trim().replace(re[options.includePrerelease ? t.GTE0PRE : t.GTE0], "");
    };
    var hyphenReplace = (incPr) => ($0, from, fM, fm, fp, fpr, fb, to, tM, tm, tp, tpr) => {
      if (isX(fM)) {
        from = "";
      } else if (isX(fm)) {
        from = `>=${fM}.0.0${incPr ? "-0" : ""}`;
      } else if (isX(fp)) {
        from = `>=${fM}.${fm}.0${incPr ? "-0" : ""}`;
      } else if (fpr) {
        from = `>=${from}`;
      } else {
        from = `>=${from}${incPr ? "-0" : ""}`;
      }
      if (isX(tM)) {
        to = "";
      } else if (isX(tm)) {
        to = `<${+tM + 1}.0.0-0`;
      } else if (isX(tp)) {
        to = `<${tM}.${+tm + 1}.0-0`;
      } else if (tpr) {
        to = `<=${tM}.${tm}.${tp}-${tpr}`;
      } else if (incPr) {
        to = `<${tM}.${tm}.${+tp + 1}-0`;
      } else {
        to = `<=${to}`;
      }
      return `${from} ${to}`.trim();
    };
    var testSet = (set, version, options) => {
      for (let i2 = 0; i2 < set.length; i2++) {
        if (!set[i2].test(version)) {
          return false;
        }
      }
      if (version.prerelease.length && !options.includePrerelease) {
        for (let i2 = 0; i2 < set.length; i2++) {
          debug(set[i2].semver);
          if (set[i2].semver === Comparator.ANY) {
            continue;
          }
          if (set[i2].semver.prerelease.length > 0) {
            const allowed = set[i2].semver;
            if (allowed.major === version.major && allowed.minor === version.minor && allowed.patch === version.patch) {
              return true;
            }
          }
        }
        return false;
      }
      return true;
    };
  }
});

// node_modules/semver/classes/comparator.js
var require_comparator = __commonJS({
  "node_modules/semver/classes/comparator.js"(exports2, module2) {
    "use strict";
    var ANY = /* @__PURE__ */ Symbol("SemVer ANY");
    var Comparator = class _Comparator {
      static get ANY() {
        return ANY;
      }
      constructor(comp, options) {
        options = parseOptions(options);
        if (comp instanceof _Comparator) {
          if (comp.loose === !!options.loose) {
            return comp;
          } else {
            comp = comp.value;
          }
        }
        comp = comp.trim().split(/\s+/).join(" ");
        debug("comparator", comp, options);
        this.options = options;
        this.loose = !!options.loose;
        this.parse(comp);
        if (this.semver === ANY) {
          this.value = "";
        } else {
          this.value = this.operator + this.semver.version;
        }
        debug("comp", this);
      }
      parse(comp) {
        const r = this.options.loose ? re[t.COMPARATORLOOSE] : re[t.COMPARATOR];
        const m = comp.match(r);
        if (!m) {
          throw new TypeError(`Invalid comparator: ${comp}`);
        }
        this.operator = m[1] !== void 0 ? m[1] : "";
        if (this.operator === "=") {
          this.operator = "";
        }
        if (!m[2]) {
          this.semver = ANY;
        } else {
          this.semver = new SemVer(m[2], this.options.loose);
        }
      }
      toString() {
        return this.value;
      }
      test(version) {
        debug("Comparator.test", version, this.options.loose);
        if (this.semver === ANY || version === ANY) {
          return true;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        return cmp(version, this.operator, this.semver, this.options);
      }
      intersects(comp, options) {
        if (!(comp instanceof _Comparator)) {
          throw new TypeError("a Comparator is required");
        }
        if (this.operator === "") {
          if (this.value === "") {
            return true;
          }
          return new Range(comp.value, options).test(this.value);
        } else if (comp.operator === "") {
          if (comp.value === "") {
            return true;
          }
          return new Range(this.value, options).test(comp.semver);
        }
        options = parseOptions(options);
        if (options.includePrerelease && (this.value === "<0.0.0-0" || comp.value === "<0.0.0-0")) {
          return false;
        }
        if (!options.includePrerelease && (this.value.startsWith("<0.0.0") || comp.value.startsWith("<0.0.0"))) {
          return false;
        }
        if (this.operator.startsWith(">") && comp.operator.startsWith(">")) {
          return true;
        }
        if (this.operator.startsWith("<") && comp.operator.startsWith("<")) {
          return true;
        }
        if (this.semver.version === comp.semver.version && this.operator.includes("=") && comp.operator.includes("=")) {
          return true;
        }
        if (cmp(this.semver, "<", comp.semver, options) && this.operator.startsWith(">") && comp.operator.startsWith("<")) {
          return true;
        }
        if (cmp(this.semver, ">", comp.semver, options) && this.operator.startsWith("<") && comp.operator.startsWith(">")) {
          return true;
        }
        return false;
      }
    };
    module2.exports = Comparator;
    var parseOptions = require_parse_options();
    var { safeRe: re, t } = require_re();
    var cmp = require_cmp();
    var debug = require_debug();
    var SemVer = require_semver();
    var Range = require_range();
  }
});

// node_modules/semver/functions/satisfies.js
var require_satisfies = __commonJS({
  "node_modules/semver/functions/satisfies.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var satisfies = (version, range, options) => {
      try {
        range = new Range(range, options);
      } catch (er) {
        return false;
      }
      return range.test(version);
    };
    module2.exports = satisfies;
  }
});

// node_modules/semver/ranges/to-comparators.js
var require_to_comparators = __commonJS({
  "node_modules/semver/ranges/to-comparators.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var toComparators = (range, options) => new Range(range, options).set.map((comp) => comp.map((c) => c.value).join(" ").trim().split(" "));
    module2.exports = toComparators;
  }
});

// node_modules/semver/ranges/max-satisfying.js
var require_max_satisfying = __commonJS({
  "node_modules/semver/ranges/max-satisfying.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var maxSatisfying = (versions, range, options) => {
      let max = null;
      let maxSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!max || maxSV.compare(v) === -1) {
            max = v;
            maxSV = new SemVer(max, options);
          }
        }
      });
      return max;
    };
    module2.exports = maxSatisfying;
  }
});

// node_modules/semver/ranges/min-satisfying.js
var require_min_satisfying = __commonJS({
  "node_modules/semver/ranges/min-satisfying.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var minSatisfying = (versions, range, options) => {
      let min = null;
      let minSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!min || minSV.compare(v) === 1) {
            min = v;
            minSV = new SemVer(min, options);
          }
        }
      });
      return min;
    };
    module2.exports = minSatisfying;
  }
});

// node_modules/semver/ranges/min-version.js
var require_min_version = __commonJS({
  "node_modules/semver/ranges/min-version.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var gt = require_gt();
    var minVersion = (range, loose) => {
      range = new Range(range, loose);
      let minver = new SemVer("0.0.0");
      if (range.test(minver)) {
        return minver;
      }
      minver = new SemVer("0.0.0-0");
      if (range.test(minver)) {
        return minver;
      }
      minver = null;
      for (let i2 = 0; i2 < range.set.length; ++i2) {
        const comparators = range.set[i2];
        let setMin = null;
        comparators.forEach((comparator) => {
          const compver = new SemVer(comparator.semver.version);
          switch (comparator.operator) {
            case ">":
              if (compver.prerelease.length === 0) {
                compver.patch++;
              } else {
                compver.prerelease.push(0);
              }
              compver.raw = compver.format();
            /* fallthrough */
            case "":
            case ">=":
              if (!setMin || gt(compver, setMin)) {
                setMin = compver;
              }
              break;
            case "<":
            case "<=":
              break;
            /* istanbul ignore next */
            default:
              throw new Error(`Unexpected operation: ${comparator.operator}`);
          }
        });
        if (setMin && (!minver || gt(minver, setMin))) {
          minver = setMin;
        }
      }
      if (minver && range.test(minver)) {
        return minver;
      }
      return null;
    };
    module2.exports = minVersion;
  }
});

// node_modules/semver/ranges/valid.js
var require_valid2 = __commonJS({
  "node_modules/semver/ranges/valid.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var validRange = (range, options) => {
      try {
        return new Range(range, options).range || "*";
      } catch (er) {
        return null;
      }
    };
    module2.exports = validRange;
  }
});

// node_modules/semver/ranges/outside.js
var require_outside = __commonJS({
  "node_modules/semver/ranges/outside.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var Range = require_range();
    var satisfies = require_satisfies();
    var gt = require_gt();
    var lt = require_lt();
    var lte = require_lte();
    var gte = require_gte();
    var outside = (version, range, hilo, options) => {
      version = new SemVer(version, options);
      range = new Range(range, options);
      let gtfn, ltefn, ltfn, comp, ecomp;
      switch (hilo) {
        case ">":
          gtfn = gt;
          ltefn = lte;
          ltfn = lt;
          comp = ">";
          ecomp = ">=";
          break;
        case "<":
          gtfn = lt;
          ltefn = gte;
          ltfn = gt;
          comp = "<";
          ecomp = "<=";
          break;
        default:
          throw new TypeError('Must provide a hilo val of "<" or ">"');
      }
      if (satisfies(version, range, options)) {
        return false;
      }
      for (let i2 = 0; i2 < range.set.length; ++i2) {
        const comparators = range.set[i2];
        let high = null;
        let low = null;
        comparators.forEach((comparator) => {
          if (comparator.semver === ANY) {
            comparator = new Comparator(">=0.0.0");
          }
          high = high || comparator;
          low = low || comparator;
          if (gtfn(comparator.semver, high.semver, options)) {
            high = comparator;
          } else if (ltfn(comparator.semver, low.semver, options)) {
            low = comparator;
          }
        });
        if (high.operator === comp || high.operator === ecomp) {
          return false;
        }
        if ((!low.operator || low.operator === comp) && ltefn(version, low.semver)) {
          return false;
        } else if (low.operator === ecomp && ltfn(version, low.semver)) {
          return false;
        }
      }
      return true;
    };
    module2.exports = outside;
  }
});

// node_modules/semver/ranges/gtr.js
var require_gtr = __commonJS({
  "node_modules/semver/ranges/gtr.js"(exports2, module2) {
    "use strict";
    var outside = require_outside();
    var gtr = (version, range, options) => outside(version, range, ">", options);
    module2.exports = gtr;
  }
});

// node_modules/semver/ranges/ltr.js
var require_ltr = __commonJS({
  "node_modules/semver/ranges/ltr.js"(exports2, module2) {
    "use strict";
    var outside = require_outside();
    var ltr = (version, range, options) => outside(version, range, "<", options);
    module2.exports = ltr;
  }
});

// node_modules/semver/ranges/intersects.js
var require_intersects = __commonJS({
  "node_modules/semver/ranges/intersects.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var intersects = (r1, r2, options) => {
      r1 = new Range(r1, options);
      r2 = new Range(r2, options);
      return r1.intersects(r2, options);
    };
    module2.exports = intersects;
  }
});

// node_modules/semver/ranges/simplify.js
var require_simplify = __commonJS({
  "node_modules/semver/ranges/simplify.js"(exports2, module2) {
    "use strict";
    var satisfies = require_satisfies();
    var compare = require_compare();
    module2.exports = (versions, range, options) => {
      const set = [];
      let first = null;
      let prev = null;
      const v = versions.sort((a, b) => compare(a, b, options));
      for (const version of v) {
        const included = satisfies(version, range, options);
        if (included) {
          prev = version;
          if (!first) {
            first = version;
          }
        } else {
          if (prev) {
            set.push([first, prev]);
          }
          prev = null;
          first = null;
        }
      }
      if (first) {
        set.push([first, null]);
      }
      const ranges = [];
      for (const [min, max] of set) {
        if (min === max) {
          ranges.push(min);
        } else if (!max && min === v[0]) {
          ranges.push("*");
        } else if (!max) {
          ranges.push(`>=${min}`);
        } else if (min === v[0]) {
          ranges.push(`<=${max}`);
        } else {
          ranges.push(`${min} - ${max}`);
        }
      }
      const simplified = ranges.join(" || ");
      const original = typeof range.raw === "string" ? range.raw : String(range);
      return simplified.length < original.length ? simplified : range;
    };
  }
});

// node_modules/semver/ranges/subset.js
var require_subset = __commonJS({
  "node_modules/semver/ranges/subset.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var satisfies = require_satisfies();
    var compare = require_compare();
    var subset = (sub, dom, options = {}) => {
      if (sub === dom) {
        return true;
      }
      sub = new Range(sub, options);
      dom = new Range(dom, options);
      let sawNonNull = false;
      OUTER: for (const simpleSub of sub.set) {
        for (const simpleDom of dom.set) {
          const isSub = simpleSubset(simpleSub, simpleDom, options);
          sawNonNull = sawNonNull || isSub !== null;
          if (isSub) {
            continue OUTER;
          }
        }
        if (sawNonNull) {
          return false;
        }
      }
      return true;
    };
    var minimumVersionWithPreRelease = [new Comparator(">=0.0.0-0")];
    var minimumVersion = [new Comparator(">=0.0.0")];
    var simpleSubset = (sub, dom, options) => {
      if (sub === dom) {
        return true;
      }
      if (sub.length === 1 && sub[0].semver === ANY) {
        if (dom.length === 1 && dom[0].semver === ANY) {
          return true;
        } else if (options.includePrerelease) {
          sub = minimumVersionWithPreRelease;
        } else {
          sub = minimumVersion;
        }
      }
      if (dom.length === 1 && dom[0].semver === ANY) {
        if (options.includePrerelease) {
          return true;
        } else {
          dom = minimumVersion;
        }
      }
      const eqSet = /* @__PURE__ */ new Set();
      let gt, lt;
      for (const c of sub) {
        if (c.operator === ">" || c.operator === ">=") {
          gt = higherGT(gt, c, options);
        } else if (c.operator === "<" || c.operator === "<=") {
          lt = lowerLT(lt, c, options);
        } else {
          eqSet.add(c.semver);
        }
      }
      if (eqSet.size > 1) {
        return null;
      }
      let gtltComp;
      if (gt && lt) {
        gtltComp = compare(gt.semver, lt.semver, options);
        if (gtltComp > 0) {
          return null;
        } else if (gtltComp === 0 && (gt.operator !== ">=" || lt.operator !== "<=")) {
          return null;
        }
      }
      for (const eq of eqSet) {
        if (gt && !satisfies(eq, String(gt), options)) {
          return null;
        }
        if (lt && !satisfies(eq, String(lt), options)) {
          return null;
        }
        for (const c of dom) {
          if (!satisfies(eq, String(c), options)) {
            return false;
          }
        }
        return true;
      }
      let higher, lower;
      let hasDomLT, hasDomGT;
      let needDomLTPre = lt && !options.includePrerelease && lt.semver.prerelease.length ? lt.semver : false;
      let needDomGTPre = gt && !options.includePrerelease && gt.semver.prerelease.length ? gt.semver : false;
      if (needDomLTPre && needDomLTPre.prerelease.length === 1 && lt.operator === "<" && needDomLTPre.prerelease[0] === 0) {
        needDomLTPre = false;
      }
      for (const c of dom) {
        hasDomGT = hasDomGT || c.operator === ">" || c.operator === ">=";
        hasDomLT = hasDomLT || c.operator === "<" || c.operator === "<=";
        if (gt) {
          if (needDomGTPre) {
            if (c.semver.prerelease && c.semver.prerelease.length && c.semver.major === needDomGTPre.major && c.semver.minor === needDomGTPre.minor && c.semver.patch === needDomGTPre.patch) {
              needDomGTPre = false;
            }
          }
          if (c.operator === ">" || c.operator === ">=") {
            higher = higherGT(gt, c, options);
            if (higher === c && higher !== gt) {
              return false;
            }
          } else if (gt.operator === ">=" && !c.test(gt.semver)) {
            return false;
          }
        }
        if (lt) {
          if (needDomLTPre) {
            if (c.semver.prerelease && c.semver.prerelease.length && c.semver.major === needDomLTPre.major && c.semver.minor === needDomLTPre.minor && c.semver.patch === needDomLTPre.patch) {
              needDomLTPre = false;
            }
          }
          if (c.operator === "<" || c.operator === "<=") {
            lower = lowerLT(lt, c, options);
            if (lower === c && lower !== lt) {
              return false;
            }
          } else if (lt.operator === "<=" && !c.test(lt.semver)) {
            return false;
          }
        }
        if (!c.operator && (lt || gt) && gtltComp !== 0) {
          return false;
        }
      }
      if (gt && hasDomLT && !lt && gtltComp !== 0) {
        return false;
      }
      if (lt && hasDomGT && !gt && gtltComp !== 0) {
        return false;
      }
      if (needDomGTPre || needDomLTPre) {
        return false;
      }
      return true;
    };
    var higherGT = (a, b, options) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options);
      return comp > 0 ? a : comp < 0 ? b : b.operator === ">" && a.operator === ">=" ? b : a;
    };
    var lowerLT = (a, b, options) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options);
      return comp < 0 ? a : comp > 0 ? b : b.operator === "<" && a.operator === "<=" ? b : a;
    };
    module2.exports = subset;
  }
});

// node_modules/semver/index.js
var require_semver2 = __commonJS({
  "node_modules/semver/index.js"(exports2, module2) {
    "use strict";
    var internalRe = require_re();
    var constants2 = require_constants();
    var SemVer = require_semver();
    var identifiers = require_identifiers();
    var parse = require_parse();
    var valid = require_valid();
    var clean = require_clean();
    var inc = require_inc();
    var diff = require_diff();
    var major = require_major();
    var minor = require_minor();
    var patch = require_patch();
    var prerelease = require_prerelease();
    var compare = require_compare();
    var rcompare = require_rcompare();
    var compareLoose = require_compare_loose();
    var compareBuild = require_compare_build();
    var sort = require_sort();
    var rsort = require_rsort();
    var gt = require_gt();
    var lt = require_lt();
    var eq = require_eq();
    var neq = require_neq();
    var gte = require_gte();
    var lte = require_lte();
    var cmp = require_cmp();
    var coerce = require_coerce();
    var truncate = require_truncate();
    var Comparator = require_comparator();
    var Range = require_range();
    var satisfies = require_satisfies();
    var toComparators = require_to_comparators();
    var maxSatisfying = require_max_satisfying();
    var minSatisfying = require_min_satisfying();
    var minVersion = require_min_version();
    var validRange = require_valid2();
    var outside = require_outside();
    var gtr = require_gtr();
    var ltr = require_ltr();
    var intersects = require_intersects();
    var simplifyRange = require_simplify();
    var subset = require_subset();
    module2.exports = {
      parse,
      valid,
      clean,
      inc,
      diff,
      major,
      minor,
      patch,
      prerelease,
      compare,
      rcompare,
      compareLoose,
      compareBuild,
      sort,
      rsort,
      gt,
      lt,
      eq,
      neq,
      gte,
      lte,
      cmp,
      coerce,
      truncate,
      Comparator,
      Range,
      satisfies,
      toComparators,
      maxSatisfying,
      minSatisfying,
      minVersion,
      validRange,
      outside,
      gtr,
      ltr,
      intersects,
      simplifyRange,
      subset,
      SemVer,
      re: internalRe.re,
      src: internalRe.src,
      tokens: internalRe.t,
      SEMVER_SPEC_VERSION: constants2.SEMVER_SPEC_VERSION,
      RELEASE_TYPES: constants2.RELEASE_TYPES,
      compareIdentifiers: identifiers.compareIdentifiers,
      rcompareIdentifiers: identifiers.rcompareIdentifiers
    };
  }
});

// weaver/src/gocmd/lazyconfig.ts
function stampOf2(path) {
  try {
    const st = (0, import_node_fs20.statSync)(path);
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
var import_node_fs20, import_node_path20, LazyConfig;
var init_lazyconfig = __esm({
  "weaver/src/gocmd/lazyconfig.ts"() {
    "use strict";
    import_node_fs20 = require("node:fs");
    import_node_path20 = require("node:path");
    init_atomic();
    init_hash();
    init_parsed_json();
    LazyConfig = class {
      constructor(core2, opts, cache, watch2, salt = "") {
        this.core = core2;
        this.opts = opts;
        this.watch = watch2;
        const key = sha256("config", core2.fingerprint, opts.configPath ?? "", opts.moduleRoot ?? "", salt);
        this.path = (0, import_node_path20.join)(cache.root, "config", key.slice(0, 2), key + ".json");
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
  const scriptPath = (0, import_node_path22.join)(cache.root, "toolexec", sha256("toolexec", script).slice(0, 32), "go-weave-toolexec");
  if (!existsMarked(scriptPath)) {
    writeFileAtomic(scriptPath, script, 493);
    (0, import_node_fs23.chmodSync)(scriptPath, 493);
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
  for (const f of parsed2.flags.filter((x2) => x2.name === "toolexec")) {
    const i2 = rest.findIndex((_, j) => f.raw.every((r, k) => rest[j + k] === r));
    if (i2 >= 0) rest.splice(i2, f.raw.length);
  }
  return { flag: `-toolexec=${[script, plan2, String(words.length), ...words].map(quoteWord).join(" ")}`, rest };
}
function parseCoverArgs(args) {
  let outfileList;
  let i2 = 0;
  while (i2 < args.length && args[i2].startsWith("-")) {
    const [name, inline] = args[i2].replace(/^--?/, "").split(/=(.*)/s, 2);
    const value = inline ?? args[i2 + 1];
    if (name === "outfilelist") outfileList = value;
    i2 += inline === void 0 && ["pkgcfg", "mode", "var", "outfilelist", "o"].includes(name) ? 2 : 1;
  }
  return outfileList === void 0 ? void 0 : { outfileList, infiles: args.slice(i2) };
}
async function coverWeave(core2, argv) {
  try {
    return await coverAndWeave(core2, argv);
  } catch (err2) {
    const { message } = asLocated(err2);
    process.stderr.write(`${message.startsWith("go-weave:") ? "" : "go-weave: "}${message}
`);
    return 1;
  }
}
async function coverAndWeave(core2, argv) {
  const [planPath, n, ...command] = argv;
  const toolAt = Number(n);
  const coverArgs = command.slice(toolAt + 1);
  const plan2 = JSON.parse((0, import_node_fs23.readFileSync)(planPath, "utf8"));
  const parsed2 = parseCoverArgs(coverArgs);
  const inputsAt = parsed2 ? coverArgs.length - parsed2.infiles.length : coverArgs.length;
  const run = [...command.slice(0, toolAt + 1), ...coverArgs.map((a, i2) => i2 >= inputsAt ? plan2.added[a] ?? a : a)];
  const r = (0, import_node_child_process2.spawnSync)(run[0], run.slice(1), { stdio: "inherit" });
  if (r.error) throw new Error(`go-weave: cannot run ${run[0]}: ${r.error.message}`);
  if (r.status !== 0) return r.status ?? 1;
  if (!parsed2) return 0;
  const outputs = (0, import_node_fs23.readFileSync)(parsed2.outfileList, "utf8").split("\n").filter(Boolean).slice(1);
  if (outputs.length !== parsed2.infiles.length) throw new Error(`go-weave: cover wrote ${outputs.length} files for ${parsed2.infiles.length} inputs (${parsed2.outfileList})`);
  const outputOf = new Map(parsed2.infiles.map((f, i2) => [f, outputs[i2]]));
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
    const source = (p) => (0, import_node_fs23.readFileSync)(outputOf.get(p) ?? plan2.sources[p] ?? p, "utf8");
    const result = await core2.weavePackage(aspects, { ...unit.ref, files: unit.files.map((p) => ({ path: p, source: source(p) })) });
    for (const f of files) {
      const woven = result.files.find((x2) => x2.path === f);
      if (!woven?.changed) throw new Error(`go-weave: ${f}: its coverage-instrumented form matched none of the join points its own form did`);
      writeFileAtomic(outputOf.get(f), woven.source);
    }
  }
  return 0;
}
var import_node_child_process2, import_node_fs23, import_node_path22, quoteSh;
var init_coverweave = __esm({
  "weaver/src/gocmd/coverweave.ts"() {
    "use strict";
    import_node_child_process2 = require("node:child_process");
    import_node_fs23 = require("node:fs");
    import_node_path22 = require("node:path");
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
  writeFileAtomic((0, import_node_path32.join)(dir, "go"), goShimScript(node, entry, realGo, writtenBy), 493);
}
function isGoShim(path) {
  try {
    const head = (0, import_node_fs34.readFileSync)(path).subarray(0, 256).toString("latin1");
    return head.startsWith(SHIM_HEAD) && head.split("\n")[1].includes("go-weave");
  } catch {
    return false;
  }
}
function shellQuote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
var import_node_fs34, import_node_path32, VALUE_FLAGS2, SHIM_HEAD;
var init_shim = __esm({
  "weaver/src/gocmd/shim.ts"() {
    "use strict";
    import_node_fs34 = require("node:fs");
    import_node_path32 = require("node:path");
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
  const binRoot = (0, import_node_path33.join)(weaveCacheDir(env), "v1", "bin");
  const realGo = withGo ? realGoOnPath(env, binRoot) : "";
  const dir = (0, import_node_path33.join)(binRoot, sha256([entry, process.execPath, realGo].join("\0")).slice(0, 16));
  (0, import_node_fs35.mkdirSync)(dir, { recursive: true });
  replaceWithSymlink((0, import_node_path33.join)(dir, "go-weave"), entry);
  if (withGo) writeGoShim(dir, process.execPath, entry, realGo, "go-weave shellenv");
  const q = shellQuote(dir);
  out(`case ":$PATH:" in *:${q}:*) ;; *) PATH=${q}:"$PATH" ;; esac; export PATH
`);
  return 0;
}
function entryScript(env) {
  const candidates = [env.GOWEAVE_ENTRY, process.argv[1] ? (0, import_node_path33.join)((0, import_node_path33.dirname)(process.argv[1]), "go-weave") : void 0];
  for (const c of candidates) {
    if (!c) continue;
    try {
      const real = (0, import_node_fs35.realpathSync)(c);
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
  const ours = (0, import_node_path33.resolve)(binRoot) + import_node_path33.sep;
  for (const d of (env.PATH ?? "").split(import_node_path33.delimiter)) {
    const go = (0, import_node_path33.join)((0, import_node_path33.resolve)(d || "."), "go");
    if (!isExecutableFile(go) || ((0, import_node_path33.resolve)(d || ".") + import_node_path33.sep).startsWith(ours) || isGoShim(go)) continue;
    return go;
  }
  throw new WeaveError("shellenv --go: no go command on PATH (install Go, or set GOWEAVE_GO to the go binary to put go-weave in front of)");
}
function replaceWithSymlink(path, target) {
  const tmp = `${path}.${process.pid}.tmp`;
  (0, import_node_fs35.rmSync)(tmp, { force: true });
  (0, import_node_fs35.symlinkSync)(target, tmp);
  try {
    (0, import_node_fs35.renameSync)(tmp, path);
  } catch (err2) {
    (0, import_node_fs35.rmSync)(tmp, { force: true });
    throw err2;
  }
}
var import_node_fs35, import_node_path33;
var init_shellenv_command = __esm({
  "weaver/src/cli/shellenv-command.ts"() {
    "use strict";
    import_node_fs35 = require("node:fs");
    import_node_path33 = require("node:path");
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
    (err2) => {
      post({ type: "failed", error: asLocated(err2) });
      return void 0;
    }
  );
  port.on("message", (req) => {
    chain = chain.then(async (aspects) => {
      if (!aspects) return aspects;
      try {
        post({ type: "done", id: req.id, result: await (await core2).weavePackage(aspects, req.input, fileMemoIn(req.memoDir, weaverFingerprint())) });
      } catch (err2) {
        post({ type: "error", id: req.id, error: asLocated(err2) });
      }
      return aspects;
    });
  });
}

// weaver/src/cli/main.ts
init_errors();

// weaver/src/gocmd/index.ts
var import_node_fs33 = require("node:fs");
var import_node_os6 = require("node:os");
var import_node_perf_hooks2 = require("node:perf_hooks");
var import_node_path31 = require("node:path");
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
      let x3 = k === -d || k !== d && v[offset + k - 1] < v[offset + k + 1] ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y2 = x3 - k;
      while (x3 < n && y2 < m && a[x3] === b[y2]) {
        x3++;
        y2++;
      }
      v[offset + k] = x3;
      if (x3 >= n && y2 >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push(v.slice());
  const ops = [];
  let x2 = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x2 > 0 || y > 0); d--) {
    v = trace[d];
    const k = x2 - y;
    const prevK = k === -d || k !== d && v[offset + k - 1] < v[offset + k + 1] ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x2 > prevX && y > prevY) {
      ops.push({ kind: " ", line: a[--x2] });
      y--;
    }
    if (d === 0) break;
    if (x2 === prevX) ops.push({ kind: "+", line: b[--y] });
    else ops.push({ kind: "-", line: a[--x2] });
  }
  while (x2 > 0 && y > 0) {
    ops.push({ kind: " ", line: a[--x2] });
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
  let i2 = 0;
  while (i2 < ops.length) {
    if (ops[i2].kind === " ") {
      i2++;
      continue;
    }
    const start = Math.max(0, i2 - context);
    let end = i2;
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
    i2 = stop;
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
    const err2 = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err2.push(b));
    child.on("error", (e) => {
      reject(e.code === "ENOENT" ? notFound(cmd) : e);
    });
    child.on("close", (code, signal) => {
      resolveP({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err2).toString("utf8") });
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
  for (let i2 = 0; i2 < text.length; i2++) {
    const c = text.charCodeAt(i2);
    if (inString) {
      if (c === 92) i2++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123) {
      if (depth++ === 0) start = i2;
    } else if (c === 125) {
      if (--depth === 0) out.push(JSON.parse(text.slice(start, i2 + 1)));
    }
  }
  return out;
}
var ENV_VARS = ["GOMOD", "GOWORK", "GOVERSION", "GOROOT", "GOFLAGS", "GOMODCACHE", "GOOS", "GOARCH", "CGO_ENABLED", "GOEXPERIMENT", "GOAMD64", "GOARM", "GOARM64", "GO386", "GOPPC64", "GORISCV64", "GOWASM", "GOPATH", "GOPROXY", "GONOPROXY", "GONOSUMDB", "GOPRIVATE", "GOINSECURE", "CC", "GOENV"];
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
    if (!(0, import_node_fs10.existsSync)((0, import_node_path9.join)(tmp, "go.mod"))) (0, import_node_fs10.writeFileSync)((0, import_node_path9.join)(tmp, "go.mod"), goModText(mod));
    (0, import_node_fs10.renameSync)(tmp, copy);
  } catch (err2) {
    (0, import_node_fs10.rmSync)(tmp, { recursive: true, force: true });
    if (!(0, import_node_fs10.existsSync)((0, import_node_path9.join)(copy, "go.mod"))) throw err2;
  }
  return { ...mod, copy };
}
function goModText(mod) {
  for (const p of [mod.goMod, (0, import_node_path9.join)(mod.dir, "go.mod")]) {
    if (!p) continue;
    try {
      return (0, import_node_fs10.readFileSync)(p, "utf8");
    } catch {
    }
  }
  return `module ${mod.path}
`;
}
function nameOriginals(dir, original) {
  for (const name of (0, import_node_fs10.readdirSync)(dir)) {
    const p = (0, import_node_path9.join)(dir, name);
    const st = (0, import_node_fs10.lstatSync)(p);
    if (st.isDirectory()) {
      nameOriginals(p, (0, import_node_path9.join)(original, name));
    } else if (st.isFile() && name.endsWith(".go")) {
      const text = (0, import_node_fs10.readFileSync)(p, "utf8");
      const named = lineNamed(text, (0, import_node_path9.join)(original, name));
      if (named !== text) (0, import_node_fs10.writeFileSync)(p, named);
    }
  }
}
function lineNamed(text, original) {
  if (/^\s*(import\s+)?"C"\s*$/m.test(text)) return text;
  return `//line ${original}:1:1
${text}`;
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
    if (c.copy !== void 0 && file.startsWith(c.dir + import_node_path9.sep)) return c.copy + file.slice(c.dir.length);
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
init_dirs();
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
      const error = (d.Error ?? r.stderr.trim()).replace(`${candidate}@${a.query}: `, "");
      if (d.Info || d.GoMod) throw new UsageError(`go-weave: ${a.arg}: ${error}`);
      firstError ||= error;
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
var import_node_fs24 = require("node:fs");
var import_node_perf_hooks = require("node:perf_hooks");
var import_node_os4 = require("node:os");
var import_node_path23 = require("node:path");
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
  let i2 = 0;
  for (; ; ) {
    while (i2 < src.length && /\s/.test(src[i2])) i2++;
    if (src.startsWith("//", i2)) {
      const nl = src.indexOf("\n", i2);
      if (nl < 0) return void 0;
      i2 = nl + 1;
    } else if (src.startsWith("/*", i2)) {
      const end = src.indexOf("*/", i2 + 2);
      if (end < 0) return void 0;
      i2 = end + 2;
    } else break;
  }
  const m = /^package[ \t]+[\p{L}_][\p{L}\p{N}_]*/u.exec(src.slice(i2));
  return m ? i2 + m[0].length : void 0;
}
function extendedSource(src, imports, decls = "") {
  const at = packageClauseEnd(src);
  if (at === void 0) return void 0;
  const specs = imports.map((i2) => `; import ${i2.name} ${JSON.stringify(i2.path)}`).join("");
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
  const i2 = id.indexOf(" [");
  return i2 < 0 ? id : id.slice(0, i2);
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
  for (let i2 = 0; i2 < 3; i2++) {
    const d = (pa[i2] ?? 0) - (pb[i2] ?? 0);
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
function prepareModfile(cache, goModPath, runtimeDir, copies = [], providers = [], runtimeAt = runtimeDir, serveRuntime2) {
  const text = (0, import_node_fs12.readFileSync)(goModPath, "utf8");
  const addRuntime = runtimeDir !== void 0 && !mentionsRuntime(text);
  if (!addRuntime && copies.length === 0) return void 0;
  const runtimeServed = addRuntime ? serveRuntime2?.() : void 0;
  const sumPath = goModPath.replace(/\.mod$/, "") + ".sum";
  const sum = withServedSums((0, import_node_fs12.existsSync)(sumPath) ? (0, import_node_fs12.readFileSync)(sumPath, "utf8") : "", [...copies, ...runtimeServed ? [{ served: runtimeServed }] : []]);
  let copy = addRuntime ? raiseGoLine(text, runtimeGoVersion(runtimeDir)) : text;
  const prunes = (t) => compareGoVersions(GO_LINE.exec(t)?.[1] ?? UNSTATED_GO, PRUNED_GRAPH) >= 0;
  const indirect = !prunes(text) && prunes(copy) ? prunedRequirements(text, providers) : "";
  copy = dropReplaces(copy, copies).replace(/\s*$/, "\n") + indirect;
  if (runtimeServed) {
    copy += `
// Added by go-weave for woven code, served by go-weave's module proxy; the module's own go.mod is unchanged.
require ${RUNTIME_MODULE} ${runtimeServed.version}
`;
  } else if (addRuntime) {
    copy += `
// Added by go-weave for woven code; the module's own go.mod is unchanged.
require ${RUNTIME_MODULE} v0.0.0

replace ${RUNTIME_MODULE} => ${quotePath(runtimeAt ?? runtimeDir)}
`;
  }
  if (copies.length > 0) {
    copy += `
// Dependencies with woven files: -overlay cannot replace files in GOMODCACHE, so each builds from
// a version go-weave's module proxy serves, or from a copy.
${copies.map(replaceLine).join("\n")}
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
function replaceLine(c) {
  return `replace ${c.path} ${c.version} => ${c.served ? `${c.path} ${c.served.version}` : quotePath(c.copy)}`;
}
function withServedSums(sum, copies) {
  const lines = copies.flatMap((c) => c.served?.sums ?? []);
  if (lines.length === 0) return sum;
  return (sum && !sum.endsWith("\n") ? sum + "\n" : sum) + lines.join("\n") + "\n";
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
  for (const c of copies) lines.push(replaceLine(c));
  const copy = lines.join("\n") + "\n";
  const sumPath = goWorkPath + ".sum";
  const sum = withServedSums((0, import_node_fs12.existsSync)(sumPath) ? (0, import_node_fs12.readFileSync)(sumPath, "utf8") : "", copies);
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
  } catch (err2) {
    (0, import_node_fs13.rmSync)(tmp, { recursive: true, force: true });
    if (!(0, import_node_fs13.existsSync)((0, import_node_path13.join)(copy, "bin"))) throw err2;
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

// weaver/src/gocmd/modproxy.ts
var import_node_crypto5 = require("node:crypto");
var import_node_fs14 = require("node:fs");
var import_node_path14 = require("node:path");
var import_node_url3 = require("node:url");

// node_modules/fflate/esm/index.mjs
var import_module = require("module");
var require2 = (0, import_module.createRequire)("/");
var _a;
var Worker;
var isMarkedAsUntransferable;
try {
  _a = require2("worker_threads"), Worker = _a.Worker, isMarkedAsUntransferable = _a.isMarkedAsUntransferable;
} catch (e) {
}
var u8 = Uint8Array;
var u16 = Uint16Array;
var i32 = Int32Array;
var fleb = new u8([
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  2,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  4,
  5,
  5,
  5,
  5,
  0,
  /* unused */
  0,
  0,
  /* impossible */
  0
]);
var fdeb = new u8([
  0,
  0,
  0,
  0,
  1,
  1,
  2,
  2,
  3,
  3,
  4,
  4,
  5,
  5,
  6,
  6,
  7,
  7,
  8,
  8,
  9,
  9,
  10,
  10,
  11,
  11,
  12,
  12,
  13,
  13,
  /* unused */
  0,
  0
]);
var clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
var freb = function(eb, start) {
  var b = new u16(31);
  for (var i2 = 0; i2 < 31; ++i2) {
    b[i2] = start += 1 << eb[i2 - 1];
  }
  var r = new i32(b[30]);
  for (var i2 = 1; i2 < 30; ++i2) {
    for (var j = b[i2]; j < b[i2 + 1]; ++j) {
      r[j] = j - b[i2] << 5 | i2;
    }
  }
  return { b, r };
};
var _a = freb(fleb, 2);
var fl = _a.b;
var revfl = _a.r;
fl[28] = 258, revfl[258] = 28;
var _b = freb(fdeb, 0);
var fd = _b.b;
var revfd = _b.r;
var rev = new u16(32768);
for (i = 0; i < 32768; ++i) {
  x = (i & 43690) >> 1 | (i & 21845) << 1;
  x = (x & 52428) >> 2 | (x & 13107) << 2;
  x = (x & 61680) >> 4 | (x & 3855) << 4;
  rev[i] = ((x & 65280) >> 8 | (x & 255) << 8) >> 1;
}
var x;
var i;
var hMap = (function(cd, mb, r) {
  var s = cd.length;
  var i2 = 0;
  var l = new u16(mb);
  for (; i2 < s; ++i2) {
    if (cd[i2])
      ++l[cd[i2] - 1];
  }
  var le = new u16(mb);
  for (i2 = 1; i2 < mb; ++i2) {
    le[i2] = le[i2 - 1] + l[i2 - 1] << 1;
  }
  var co;
  if (r) {
    co = new u16(1 << mb);
    var rvb = 15 - mb;
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        var sv = i2 << 4 | cd[i2];
        var r_1 = mb - cd[i2];
        var v = le[cd[i2] - 1]++ << r_1;
        for (var m = v | (1 << r_1) - 1; v <= m; ++v) {
          co[rev[v] >> rvb] = sv;
        }
      }
    }
  } else {
    co = new u16(s);
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        co[i2] = rev[le[cd[i2] - 1]++] >> 15 - cd[i2];
      }
    }
  }
  return co;
});
var flt = new u8(288);
for (i = 0; i < 144; ++i)
  flt[i] = 8;
var i;
for (i = 144; i < 256; ++i)
  flt[i] = 9;
var i;
for (i = 256; i < 280; ++i)
  flt[i] = 7;
var i;
for (i = 280; i < 288; ++i)
  flt[i] = 8;
var i;
var fdt = new u8(32);
for (i = 0; i < 32; ++i)
  fdt[i] = 5;
var i;
var flm = /* @__PURE__ */ hMap(flt, 9, 0);
var fdm = /* @__PURE__ */ hMap(fdt, 5, 0);
var shft = function(p) {
  return (p + 7) / 8 | 0;
};
var slc = function(v, s, e) {
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  return new u8(v.subarray(s, e));
};
var ec = [
  "unexpected EOF",
  "invalid block type",
  "invalid length/literal",
  "invalid distance",
  "stream finished",
  "no stream handler",
  ,
  // determined by compression function
  "no callback",
  "invalid UTF-8 data",
  "extra field too long",
  "date not in range 1980-2099",
  "filename too long",
  "stream finishing",
  "invalid zip data"
  // determined by unknown compression method
];
var err = function(ind, msg, nt) {
  var e = new Error(msg || ec[ind]);
  e.code = ind;
  if (Error.captureStackTrace)
    Error.captureStackTrace(e, err);
  if (!nt)
    throw e;
  return e;
};
var wbits = function(d, p, v) {
  v <<= p & 7;
  var o = p / 8 | 0;
  d[o] |= v;
  d[o + 1] |= v >> 8;
};
var wbits16 = function(d, p, v) {
  v <<= p & 7;
  var o = p / 8 | 0;
  d[o] |= v;
  d[o + 1] |= v >> 8;
  d[o + 2] |= v >> 16;
};
var hTree = function(d, mb) {
  var t = [];
  for (var i2 = 0; i2 < d.length; ++i2) {
    if (d[i2])
      t.push({ s: i2, f: d[i2] });
  }
  var s = t.length;
  var t2 = t.slice();
  if (!s)
    return { t: et, l: 0 };
  if (s == 1) {
    var v = new u8(t[0].s + 1);
    v[t[0].s] = 1;
    return { t: v, l: 1 };
  }
  t.sort(function(a, b) {
    return a.f - b.f;
  });
  t.push({ s: -1, f: 25001 });
  var l = t[0], r = t[1], i0 = 0, i1 = 1, i22 = 2;
  t[0] = { s: -1, f: l.f + r.f, l, r };
  while (i1 != s - 1) {
    l = t[t[i0].f < t[i22].f ? i0++ : i22++];
    r = t[i0 != i1 && t[i0].f < t[i22].f ? i0++ : i22++];
    t[i1++] = { s: -1, f: l.f + r.f, l, r };
  }
  var maxSym = t2[0].s;
  for (var i2 = 1; i2 < s; ++i2) {
    if (t2[i2].s > maxSym)
      maxSym = t2[i2].s;
  }
  var tr = new u16(maxSym + 1);
  var mbt = ln(t[i1 - 1], tr, 0);
  if (mbt > mb) {
    var i2 = 0, dt = 0;
    var lft = mbt - mb, cst = 1 << lft;
    t2.sort(function(a, b) {
      return tr[b.s] - tr[a.s] || a.f - b.f;
    });
    for (; i2 < s; ++i2) {
      var i2_1 = t2[i2].s;
      if (tr[i2_1] > mb) {
        dt += cst - (1 << mbt - tr[i2_1]);
        tr[i2_1] = mb;
      } else
        break;
    }
    dt >>= lft;
    while (dt > 0) {
      var i2_2 = t2[i2].s;
      if (tr[i2_2] < mb)
        dt -= 1 << mb - tr[i2_2]++ - 1;
      else
        ++i2;
    }
    for (; i2 >= 0 && dt; --i2) {
      var i2_3 = t2[i2].s;
      if (tr[i2_3] == mb) {
        --tr[i2_3];
        ++dt;
      }
    }
    mbt = mb;
  }
  return { t: new u8(tr), l: mbt };
};
var ln = function(n, l, d) {
  return n.s == -1 ? Math.max(ln(n.l, l, d + 1), ln(n.r, l, d + 1)) : l[n.s] = d;
};
var lc = function(c) {
  var s = c.length;
  while (s && !c[--s])
    ;
  var cl = new u16(++s);
  var cli = 0, cln = c[0], cls = 1;
  var w = function(v) {
    cl[cli++] = v;
  };
  for (var i2 = 1; i2 <= s; ++i2) {
    if (c[i2] == cln && i2 != s)
      ++cls;
    else {
      if (!cln && cls > 2) {
        for (; cls > 138; cls -= 138)
          w(32754);
        if (cls > 2) {
          w(cls > 10 ? cls - 11 << 5 | 28690 : cls - 3 << 5 | 12305);
          cls = 0;
        }
      } else if (cls > 3) {
        w(cln), --cls;
        for (; cls > 6; cls -= 6)
          w(8304);
        if (cls > 2)
          w(cls - 3 << 5 | 8208), cls = 0;
      }
      while (cls--)
        w(cln);
      cls = 1;
      cln = c[i2];
    }
  }
  return { c: cl.subarray(0, cli), n: s };
};
var clen = function(cf, cl) {
  var l = 0;
  for (var i2 = 0; i2 < cl.length; ++i2)
    l += cf[i2] * cl[i2];
  return l;
};
var wfblk = function(out, pos, dat) {
  var s = dat.length;
  var o = shft(pos + 2);
  out[o] = s & 255;
  out[o + 1] = s >> 8;
  out[o + 2] = out[o] ^ 255;
  out[o + 3] = out[o + 1] ^ 255;
  for (var i2 = 0; i2 < s; ++i2)
    out[o + i2 + 4] = dat[i2];
  return (o + 4 + s) * 8;
};
var wblk = function(dat, out, final, syms, lf, df, eb, li, bs, bl, p) {
  wbits(out, p++, final);
  ++lf[256];
  var _a2 = hTree(lf, 15), dlt = _a2.t, mlb = _a2.l;
  var _b2 = hTree(df, 15), ddt = _b2.t, mdb = _b2.l;
  var _c = lc(dlt), lclt = _c.c, nlc = _c.n;
  var _d = lc(ddt), lcdt = _d.c, ndc = _d.n;
  var lcfreq = new u16(19);
  for (var i2 = 0; i2 < lclt.length; ++i2)
    ++lcfreq[lclt[i2] & 31];
  for (var i2 = 0; i2 < lcdt.length; ++i2)
    ++lcfreq[lcdt[i2] & 31];
  var _e = hTree(lcfreq, 7), lct = _e.t, mlcb = _e.l;
  var nlcc = 19;
  for (; nlcc > 4 && !lct[clim[nlcc - 1]]; --nlcc)
    ;
  var flen = bl + 5 << 3;
  var ftlen = clen(lf, flt) + clen(df, fdt) + eb;
  var dtlen = clen(lf, dlt) + clen(df, ddt) + eb + 14 + 3 * nlcc + clen(lcfreq, lct) + 2 * lcfreq[16] + 3 * lcfreq[17] + 7 * lcfreq[18];
  if (bs >= 0 && flen <= ftlen && flen <= dtlen)
    return wfblk(out, p, dat.subarray(bs, bs + bl));
  var lm, ll, dm, dl;
  wbits(out, p, 1 + (dtlen < ftlen)), p += 2;
  if (dtlen < ftlen) {
    lm = hMap(dlt, mlb, 0), ll = dlt, dm = hMap(ddt, mdb, 0), dl = ddt;
    var llm = hMap(lct, mlcb, 0);
    wbits(out, p, nlc - 257);
    wbits(out, p + 5, ndc - 1);
    wbits(out, p + 10, nlcc - 4);
    p += 14;
    for (var i2 = 0; i2 < nlcc; ++i2)
      wbits(out, p + 3 * i2, lct[clim[i2]]);
    p += 3 * nlcc;
    var lcts = [lclt, lcdt];
    for (var it = 0; it < 2; ++it) {
      var clct = lcts[it];
      for (var i2 = 0; i2 < clct.length; ++i2) {
        var len = clct[i2] & 31;
        wbits(out, p, llm[len]), p += lct[len];
        if (len > 15)
          wbits(out, p, clct[i2] >> 5 & 127), p += clct[i2] >> 12;
      }
    }
  } else {
    lm = flm, ll = flt, dm = fdm, dl = fdt;
  }
  for (var i2 = 0; i2 < li; ++i2) {
    var sym = syms[i2];
    if (sym > 255) {
      var len = sym >> 18 & 31;
      wbits16(out, p, lm[len + 257]), p += ll[len + 257];
      if (len > 7)
        wbits(out, p, sym >> 23 & 31), p += fleb[len];
      var dst = sym & 31;
      wbits16(out, p, dm[dst]), p += dl[dst];
      if (dst > 3)
        wbits16(out, p, sym >> 5 & 8191), p += fdeb[dst];
    } else {
      wbits16(out, p, lm[sym]), p += ll[sym];
    }
  }
  wbits16(out, p, lm[256]);
  return p + ll[256];
};
var deo = /* @__PURE__ */ new i32([65540, 131080, 131088, 131104, 262176, 1048704, 1048832, 2114560, 2117632]);
var et = /* @__PURE__ */ new u8(0);
var dflt = function(dat, lvl, plvl, pre, post, st) {
  var s = st.z || dat.length;
  var o = new u8(pre + s + 5 * (1 + Math.ceil(s / 7e3)) + post);
  var w = o.subarray(pre, o.length - post);
  var lst = st.l;
  var pos = (st.r || 0) & 7;
  if (lvl) {
    if (pos)
      w[0] = st.r >> 3;
    var opt = deo[lvl - 1];
    var n = opt >> 13, c = opt & 8191;
    var msk_1 = (1 << plvl) - 1;
    var prev = st.p || new u16(32768), head = st.h || new u16(msk_1 + 1);
    var bs1_1 = Math.ceil(plvl / 3), bs2_1 = 2 * bs1_1;
    var hsh = function(i3) {
      return (dat[i3] ^ dat[i3 + 1] << bs1_1 ^ dat[i3 + 2] << bs2_1) & msk_1;
    };
    var syms = new i32(25e3);
    var lf = new u16(288), df = new u16(32);
    var lc_1 = 0, eb = 0, i2 = st.i || 0, li = 0, wi = st.w || 0, bs = 0;
    for (; i2 + 2 < s; ++i2) {
      var hv = hsh(i2);
      var imod = i2 & 32767, pimod = head[hv];
      prev[imod] = pimod;
      head[hv] = imod;
      if (wi <= i2) {
        var rem = s - i2;
        if ((lc_1 > 7e3 || li > 24576) && (rem > 423 || !lst)) {
          pos = wblk(dat, w, 0, syms, lf, df, eb, li, bs, i2 - bs, pos);
          li = lc_1 = eb = 0, bs = i2;
          for (var j = 0; j < 286; ++j)
            lf[j] = 0;
          for (var j = 0; j < 30; ++j)
            df[j] = 0;
        }
        var l = 2, d = 0, ch_1 = c, dif = imod - pimod & 32767;
        if (rem > 2 && hv == hsh(i2 - dif)) {
          var maxn = Math.min(n, rem) - 1;
          var maxd = Math.min(32767, i2);
          var ml = Math.min(258, rem);
          while (dif <= maxd && --ch_1 && imod != pimod) {
            if (dat[i2 + l] == dat[i2 + l - dif]) {
              var nl = 0;
              for (; nl < ml && dat[i2 + nl] == dat[i2 + nl - dif]; ++nl)
                ;
              if (nl > l) {
                l = nl, d = dif;
                if (nl > maxn)
                  break;
                var mmd = Math.min(dif, nl - 2);
                var md = 0;
                for (var j = 0; j < mmd; ++j) {
                  var ti = i2 - dif + j & 32767;
                  var pti = prev[ti];
                  var cd = ti - pti & 32767;
                  if (cd > md)
                    md = cd, pimod = ti;
                }
              }
            }
            imod = pimod, pimod = prev[imod];
            dif += imod - pimod & 32767;
          }
        }
        if (d) {
          syms[li++] = 268435456 | revfl[l] << 18 | revfd[d];
          var lin = revfl[l] & 31, din = revfd[d] & 31;
          eb += fleb[lin] + fdeb[din];
          ++lf[257 + lin];
          ++df[din];
          wi = i2 + l;
          ++lc_1;
        } else {
          syms[li++] = dat[i2];
          ++lf[dat[i2]];
        }
      }
    }
    for (i2 = Math.max(i2, wi); i2 < s; ++i2) {
      syms[li++] = dat[i2];
      ++lf[dat[i2]];
    }
    pos = wblk(dat, w, lst, syms, lf, df, eb, li, bs, i2 - bs, pos);
    if (!lst) {
      st.r = pos & 7 | w[pos / 8 | 0] << 3;
      pos -= 7;
      st.h = head, st.p = prev, st.i = i2, st.w = wi;
    }
  } else {
    for (var i2 = st.w || 0; i2 < s + lst; i2 += 65535) {
      var e = i2 + 65535;
      if (e >= s) {
        w[pos / 8 | 0] = lst;
        e = s;
      }
      pos = wfblk(w, pos + 1, dat.subarray(i2, e));
    }
    st.i = s;
  }
  return slc(o, 0, pre + shft(pos) + post);
};
var crct = /* @__PURE__ */ (function() {
  var t = new Int32Array(256);
  for (var i2 = 0; i2 < 256; ++i2) {
    var c = i2, k = 9;
    while (--k)
      c = (c & 1 && -306674912) ^ c >>> 1;
    t[i2] = c;
  }
  return t;
})();
var crc = function() {
  var c = -1;
  return {
    p: function(d) {
      var cr = c;
      for (var i2 = 0; i2 < d.length; ++i2)
        cr = crct[cr & 255 ^ d[i2]] ^ cr >>> 8;
      c = cr;
    },
    d: function() {
      return ~c;
    }
  };
};
var dopt = function(dat, opt, pre, post, st) {
  if (!st) {
    st = { l: 1 };
    if (opt.dictionary) {
      var dict = opt.dictionary.subarray(-32768);
      var newDat = new u8(dict.length + dat.length);
      newDat.set(dict);
      newDat.set(dat, dict.length);
      dat = newDat;
      st.w = dict.length;
    }
  }
  return dflt(dat, opt.level == null ? 6 : opt.level, opt.mem == null ? st.l ? Math.ceil(Math.max(8, Math.min(13, Math.log(dat.length))) * 1.5) : 20 : 12 + opt.mem, pre, post, st);
};
var mrg = function(a, b) {
  var o = {};
  for (var k in a)
    o[k] = a[k];
  for (var k in b)
    o[k] = b[k];
  return o;
};
var wbytes = function(d, b, v) {
  for (; v; ++b)
    d[b] = v, v >>>= 8;
};
function deflateSync(data, opts) {
  return dopt(data, opts || {}, 0, 0);
}
var fltn = function(d, p, t, o) {
  for (var k in d) {
    var val = d[k], n = p + k, op = o;
    if (Array.isArray(val))
      op = mrg(o, val[1]), val = val[0];
    if (ArrayBuffer.isView(val))
      t[n] = [val, op];
    else {
      t[n += "/"] = [new u8(0), op];
      fltn(val, n, t, o);
    }
  }
};
var te = typeof TextEncoder != "undefined" && /* @__PURE__ */ new TextEncoder();
var td = typeof TextDecoder != "undefined" && /* @__PURE__ */ new TextDecoder();
var tds = 0;
try {
  td.decode(et, { stream: true });
  tds = 1;
} catch (e) {
}
function strToU8(str, latin1) {
  if (latin1) {
    var ar_1 = new u8(str.length);
    for (var i2 = 0; i2 < str.length; ++i2)
      ar_1[i2] = str.charCodeAt(i2);
    return ar_1;
  }
  if (te)
    return te.encode(str);
  var l = str.length;
  var ar = new u8(str.length + (str.length >> 1));
  var ai = 0;
  var w = function(v) {
    ar[ai++] = v;
  };
  for (var i2 = 0; i2 < l; ++i2) {
    if (ai + 5 > ar.length) {
      var n = new u8(ai + 8 + (l - i2 << 1));
      n.set(ar);
      ar = n;
    }
    var c = str.charCodeAt(i2);
    if (c < 128 || latin1)
      w(c);
    else if (c < 2048)
      w(192 | c >> 6), w(128 | c & 63);
    else if (c > 55295 && c < 57344)
      c = 65536 + (c & 1023 << 10) | str.charCodeAt(++i2) & 1023, w(240 | c >> 18), w(128 | c >> 12 & 63), w(128 | c >> 6 & 63), w(128 | c & 63);
    else
      w(224 | c >> 12), w(128 | c >> 6 & 63), w(128 | c & 63);
  }
  return slc(ar, 0, ai);
}
var exfl = function(ex) {
  var le = 0;
  if (ex) {
    for (var k in ex) {
      var l = ex[k].length;
      if (l > 65535)
        err(9);
      le += l + 4;
    }
  }
  return le;
};
var wzh = function(d, b, f, fn, u, c, ce, co) {
  var fl2 = fn.length, ex = f.extra, col = co && co.length;
  var exl = exfl(ex);
  wbytes(d, b, ce != null ? 33639248 : 67324752), b += 4;
  if (ce != null)
    d[b++] = 20, d[b++] = f.os;
  d[b] = 20, b += 2;
  d[b++] = f.flag << 1 | (c < 0 && 8), d[b++] = u && 8;
  d[b++] = f.compression & 255, d[b++] = f.compression >> 8;
  var dt = new Date(f.mtime == null ? Date.now() : f.mtime), y = dt.getFullYear() - 1980;
  if (y < 0 || y > 119)
    err(10);
  wbytes(d, b, y << 25 | dt.getMonth() + 1 << 21 | dt.getDate() << 16 | dt.getHours() << 11 | dt.getMinutes() << 5 | dt.getSeconds() >> 1), b += 4;
  if (c != -1) {
    wbytes(d, b, f.crc);
    wbytes(d, b + 4, c < 0 ? -c - 2 : c);
    wbytes(d, b + 8, f.size);
  }
  wbytes(d, b + 12, fl2);
  wbytes(d, b + 14, exl), b += 16;
  if (ce != null) {
    wbytes(d, b, col);
    wbytes(d, b + 6, f.attrs);
    wbytes(d, b + 10, ce), b += 14;
  }
  d.set(fn, b);
  b += fl2;
  if (exl) {
    for (var k in ex) {
      var exf = ex[k], l = exf.length;
      wbytes(d, b, +k);
      wbytes(d, b + 2, l);
      d.set(exf, b + 4), b += 4 + l;
    }
  }
  if (col)
    d.set(co, b), b += col;
  return b;
};
var wzf = function(o, b, c, d, e) {
  wbytes(o, b, 101010256);
  wbytes(o, b + 8, c);
  wbytes(o, b + 10, c);
  wbytes(o, b + 12, d);
  wbytes(o, b + 16, e);
};
function zipSync(data, opts) {
  if (!opts)
    opts = {};
  var r = {};
  var files = [];
  fltn(data, "", r, opts);
  var o = 0;
  var tot = 0;
  for (var fn in r) {
    var _a2 = r[fn], file = _a2[0], p = _a2[1];
    var compression = p.level == 0 ? 0 : 8;
    var f = strToU8(fn), s = f.length;
    var com = p.comment, m = com && strToU8(com), ms = m && m.length;
    var exl = exfl(p.extra);
    if (s > 65535)
      err(11);
    var d = compression ? deflateSync(file, p) : file, l = d.length;
    var c = crc();
    c.p(file);
    files.push(mrg(p, {
      size: file.length,
      crc: c.d(),
      c: d,
      f,
      m,
      u: s != fn.length || m && com.length != ms,
      o,
      compression
    }));
    o += 30 + s + exl + l;
    tot += 76 + 2 * (s + exl) + (ms || 0) + l;
  }
  var out = new u8(tot + 22), oe = o, cdl = tot - o;
  for (var i2 = 0; i2 < files.length; ++i2) {
    var f = files[i2];
    wzh(out, f.o, f, f.f, f.u, f.c.length);
    var badd = 30 + f.f.length + exfl(f.extra);
    out.set(f.c, f.o + badd);
    wzh(out, o, f, f.f, f.u, f.c.length, f.o, f.m), o += 16 + badd + (f.m ? f.m.length : 0);
  }
  wzf(out, o, files.length, cdl, oe);
  return out;
}

// weaver/src/gocmd/modproxy.ts
var import_semver = __toESM(require_semver2(), 1);
init_atomic();
init_hash();
init_trim();
function escapeModulePath(p) {
  return p.replace(/[A-Z]/g, (c) => "!" + c.toLowerCase());
}
function pseudoVersionAfter(version, time, rev2) {
  const m = /^v(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(version);
  if (!m || import_semver.default.valid(version.slice(1)) === null || !/^\d{14}$/.test(time) || !/^[0-9a-z]+$/.test(rev2)) return void 0;
  const [, major, minor, patch, pre] = m;
  return pre === void 0 ? `v${major}.${minor}.${BigInt(patch) + 1n}-0.${time}-${rev2}` : `v${major}.${minor}.${patch}-${pre}.0.${time}-${rev2}`;
}
function hash1(files) {
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  const summary = (0, import_node_crypto5.createHash)("sha256");
  for (const f of sorted) {
    if (f.name.includes("\n")) throw new Error(`go-weave: file name with a newline in a module: ${JSON.stringify(f.name)}`);
    summary.update(`${(0, import_node_crypto5.createHash)("sha256").update(f.data).digest("hex")}  ${f.name}
`);
  }
  return "h1:" + summary.digest("base64");
}
function unfetchedServed(copies, gomodcache) {
  return copies.filter((c) => c.served && !(0, import_node_fs14.existsSync)((0, import_node_path14.join)(gomodcache, `${escapeModulePath(c.path)}@${escapeModulePath(c.served.version)}`))).map((c) => `${c.path}@${c.served?.version}`);
}
function proxyList(root, userProxy) {
  const own = (0, import_node_url3.pathToFileURL)(root).href;
  return userProxy ? `${own},${userProxy}` : own;
}
function bypassesProxy(modulePath, noProxy) {
  for (const raw of (noProxy ?? "").split(",")) {
    const pattern = raw.trim();
    if (!pattern) continue;
    const n = pattern.split("/").length;
    const elems = modulePath.split("/");
    if (elems.length < n) continue;
    if (globMatch(pattern, elems.slice(0, n).join("/"))) return true;
  }
  return false;
}
function globMatch(pattern, name) {
  let re = "^";
  for (let i2 = 0; i2 < pattern.length; i2++) {
    const c = pattern[i2];
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "\\" && i2 + 1 < pattern.length) re += escapeRe(pattern[++i2]);
    else if (c === "[") {
      const end = pattern.indexOf("]", i2 + 1);
      if (end < 0) return false;
      let body = pattern.slice(i2 + 1, end);
      if (body.startsWith("^")) body = "^" + body.slice(1).replace(/[\\\]]/g, "\\$&");
      else body = body.replace(/[\\\]^]/g, "\\$&");
      re += `[${body}]`;
      i2 = end;
    } else re += escapeRe(c);
  }
  try {
    return new RegExp(re + "$").test(name);
  } catch {
    return false;
  }
}
function escapeRe(c) {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
var ZIP_TIME = /* @__PURE__ */ new Date("2000-01-01T00:00:00Z");
function serveModule(root, gomodcache, req) {
  const cacheRoot = (0, import_node_path14.dirname)(root);
  const inCache = (v) => {
    const r = (0, import_node_path14.relative)(cacheRoot, v);
    return r.startsWith("..") || (0, import_node_path14.isAbsolute)(r) ? v : r.split(import_node_path14.sep).join("/");
  };
  const changedKey = [...req.changed].map(([k, v]) => `${(0, import_node_path14.relative)(req.dir, k).split(import_node_path14.sep).join("/")}\0${inCache(v)}`).sort();
  const rev2 = sha256("go-weave served module 1", req.path, req.version, req.renderKey, ...changedKey).slice(0, 12);
  const released = releaseTime(gomodcache, req.path, req.version);
  const version = pseudoVersionAfter(req.version, released.toISOString().replace(/[-:T]/g, "").slice(0, 14), rev2);
  if (!version) return void 0;
  const base = (0, import_node_path14.join)(root, escapeModulePath(req.path), "@v", escapeModulePath(version));
  const zip = base + ".zip";
  if (existsMarked(zip)) {
    try {
      const sums2 = (0, import_node_fs14.readFileSync)(base + ".sums", "utf8").split("\n").filter(Boolean);
      if (sums2.length === 2) return { version, sums: sums2, zip };
    } catch {
    }
  }
  const modText = goModText(req);
  const extracted = (0, import_node_path14.join)(gomodcache, `${escapeModulePath(req.path)}@${escapeModulePath(version)}`);
  const prefix = `${req.path}@${version}/`;
  const files = [];
  for (const abs of /* @__PURE__ */ new Set([...filesBelow(req.dir).map((f) => f.path), ...req.changed.keys()])) {
    const rel = (0, import_node_path14.relative)(req.dir, abs).split(import_node_path14.sep).join("/");
    const changedTo = req.changed.get(abs);
    const raw = (0, import_node_fs14.readFileSync)(changedTo ?? abs);
    const text = abs.endsWith(".go") ? req.render({ original: abs, text: raw.toString("utf8"), changed: changedTo !== void 0, extractedAt: (0, import_node_path14.join)(extracted, rel) }) : void 0;
    files.push({ name: prefix + rel, data: text === void 0 ? raw : Buffer.from(text) });
  }
  const zipped = zipSync(Object.fromEntries(files.map((f) => [f.name, [f.data, { level: 0 }]])), { level: 0, mtime: ZIP_TIME });
  const sums = [`${req.path} ${version} ${hash1(files)}`, `${req.path} ${version}/go.mod ${hash1([{ name: "go.mod", data: Buffer.from(modText) }])}`];
  writeFileAtomic(base + ".info", JSON.stringify({ Version: version, Time: released.toISOString().replace(/\.\d+Z$/, "Z") }) + "\n");
  writeFileAtomic(base + ".mod", modText);
  writeFileAtomic(base + ".sums", sums.join("\n") + "\n");
  writeFileAtomic(zip, zipped);
  return { version, sums, zip };
}
function releaseTime(gomodcache, path, version) {
  try {
    const info = JSON.parse((0, import_node_fs14.readFileSync)((0, import_node_path14.join)(gomodcache, "cache", "download", escapeModulePath(path), "@v", escapeModulePath(version) + ".info"), "utf8"));
    const t = info.Time ? new Date(info.Time) : void 0;
    if (t && !Number.isNaN(t.getTime())) return t;
  } catch {
  }
  return /* @__PURE__ */ new Date("2000-01-01T00:00:00Z");
}
function filesBelow(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of (0, import_node_fs14.readdirSync)(d).sort()) {
      const p = (0, import_node_path14.join)(d, name);
      const st = (0, import_node_fs14.lstatSync)(p, { bigint: true });
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push({ path: p, size: st.size, mtimeNs: st.mtimeNs });
    }
  };
  walk(dir);
  return out;
}

// weaver/src/gocmd/runtime-served.ts
var import_node_fs15 = require("node:fs");
var import_node_path15 = require("node:path");

// weaver/src/version.ts
var GO_WEAVE_VERSION = "0.1.0";

// weaver/src/gocmd/runtime-served.ts
init_hash();
init_trim();
function serveRuntime(proxyRoot, gomodcache, runtimeDir) {
  const files = filesBelow(runtimeDir);
  const served = servedFor(proxyRoot, gomodcache, runtimeDir, files);
  return served && { served, files: files.map((f) => f.path) };
}
function servedFor(proxyRoot, gomodcache, runtimeDir, files) {
  const rel = (f) => (0, import_node_path15.relative)(runtimeDir, f.path).split(import_node_path15.sep).join("/");
  const stamp = sha256(...files.map((f) => `${rel(f)}\0${f.size}\0${f.mtimeNs}`));
  const memoKey = `${proxyRoot}\0${gomodcache}\0${runtimeDir}`;
  const seen = memo2.get(memoKey);
  if (seen?.stamp === stamp && (!seen.served || existsMarked(seen.served.zip))) return seen.served;
  const content = sha256(...files.flatMap((f) => [rel(f), sha256((0, import_node_fs15.readFileSync)(f.path))]));
  const served = serveModule(proxyRoot, gomodcache, {
    path: RUNTIME_MODULE,
    version: `v${GO_WEAVE_VERSION}`,
    dir: runtimeDir,
    goMod: (0, import_node_path15.join)(runtimeDir, "go.mod"),
    changed: /* @__PURE__ */ new Map(),
    render: (file) => file.text,
    renderKey: `runtime ${content}`
  });
  memo2.set(memoKey, { stamp, served });
  return served;
}
var memo2 = /* @__PURE__ */ new Map();

// weaver/src/gocmd/served-fetch.ts
var import_node_fs16 = require("node:fs");
var import_node_os3 = require("node:os");
var import_node_path16 = require("node:path");
async function fetchServedQuietly(go, env, copies, gomodcache, modcacherw) {
  const want = unfetchedServed(copies, gomodcache);
  if (want.length === 0) return;
  const dir = (0, import_node_fs16.mkdtempSync)((0, import_node_path16.join)((0, import_node_os3.tmpdir)(), "go-weave-fetch-"));
  try {
    (0, import_node_fs16.writeFileSync)((0, import_node_path16.join)(dir, "go.mod"), "module go-weave.local/fetch\n\ngo 1.21\n");
    (0, import_node_fs16.writeFileSync)((0, import_node_path16.join)(dir, "go.sum"), copies.flatMap((c) => c.served?.sums ?? []).join("\n") + "\n");
    await capture(go, ["mod", "download", ...modcacherw ? ["-modcacherw"] : [], ...want], { cwd: dir, env: { ...env, GOWORK: "off", GOFLAGS: "" } });
  } catch {
  } finally {
    (0, import_node_fs16.rmSync)(dir, { recursive: true, force: true });
  }
}

// weaver/src/gocmd/plancache.ts
var import_node_fs17 = require("node:fs");
var import_node_path17 = require("node:path");
init_atomic();
init_hash();
init_listing();
init_parsed_json();

// weaver/src/parse/gotext.ts
function skipSpaceAndComments(src, i2) {
  const n = src.length;
  for (; ; ) {
    while (i2 < n && /\s/.test(src[i2])) i2++;
    if (src.startsWith("//", i2)) {
      const nl = src.indexOf("\n", i2);
      i2 = nl < 0 ? n : nl + 1;
    } else if (src.startsWith("/*", i2)) {
      const close = src.indexOf("*/", i2 + 2);
      i2 = close < 0 ? n : close + 2;
    } else {
      return i2;
    }
  }
}

// weaver/src/gocmd/plancache.ts
function stampOf(path) {
  try {
    const st = (0, import_node_fs17.statSync)(path);
    if (st.isDirectory()) return [path, st.mtimeMs, -1, goListing(path).hash];
    return [path, st.mtimeMs, st.size, path.endsWith(".go") ? headerHash(path) : ""];
  } catch {
    return [path, -1, -1, ""];
  }
}
function headerHash(path) {
  try {
    const src = (0, import_node_fs17.readFileSync)(path, "utf8");
    return sha256(goHeader(src), ...src.match(EMBED_LINE) ?? []);
  } catch {
    return "";
  }
}
var EMBED_LINE = /^[ \t]*\/\/go:embed[ \t].*$/gm;
function goHeader(src) {
  const n = src.length;
  let i2 = skipSpaceAndComments(src, 0);
  let end = 0;
  if (!src.startsWith("package", i2)) return src;
  const pkgEnd = src.indexOf("\n", i2);
  i2 = pkgEnd < 0 ? n : pkgEnd + 1;
  end = i2;
  for (; ; ) {
    i2 = skipSpaceAndComments(src, i2);
    if (!/^import[\s("`]/.test(src.slice(i2, i2 + 7))) break;
    i2 += 6;
    i2 = skipSpaceAndComments(src, i2);
    if (src[i2] === "(") {
      const close = src.indexOf(")", i2);
      if (close < 0) return src;
      i2 = close + 1;
    } else {
      const nl = src.indexOf("\n", i2);
      i2 = nl < 0 ? n : nl + 1;
    }
    end = i2;
  }
  return src.slice(0, end);
}
function headersHoldFor(stamps) {
  let listed;
  return (files) => {
    listed ??= new Map(stamps.filter((st) => st[3] !== "" && st[0].endsWith(".go")).map((st) => [st[0], st[3]]));
    const known = listed;
    return files.every((f) => {
      const header = known.get(f);
      return header !== void 0 && headerHash(f) === header;
    });
  };
}
function immutable(dir, ge) {
  return !!ge.GOROOT && dir.startsWith(ge.GOROOT + "/") || !!ge.GOMODCACHE && dir.startsWith(ge.GOMODCACHE + "/");
}
function moduleDirs(root, out) {
  out.push(root);
  let entries;
  try {
    entries = (0, import_node_fs17.readdirSync)(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.isDirectory() || !visitedDir(e.name)) continue;
    moduleDirs((0, import_node_path17.join)(root, e.name), out);
  }
}
function collectStamps(pkgs, ge, extraFiles) {
  const paths = new Set(extraFiles);
  const roots = /* @__PURE__ */ new Set();
  for (const p of pkgs) {
    if (!p.Dir || immutable(p.Dir, ge)) continue;
    paths.add(p.Dir);
    for (const f of goFileNames(p)) paths.add((0, import_node_path17.join)(p.Dir, f));
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
    return (0, import_node_path17.join)(this.cache.root, "plan", key.slice(0, 2), key + ".json");
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
        const x2 = (0, import_node_fs17.statSync)(p);
        cur = { mtimeMs: x2.mtimeMs, size: x2.isDirectory() ? -1 : x2.size, dir: x2.isDirectory() };
      } catch {
        cur = { mtimeMs: -1, size: -1, dir: false };
      }
      if (cur.mtimeMs === mtime && cur.size === size) continue;
      if (!header || cur.mtimeMs < 0 || cur.dir !== (size === -1)) return void 0;
      if ((cur.dir ? goListing(p).hash : headerHash(p)) !== header) return void 0;
    }
    return { packages: e.packages, files: e.stamps.map((st) => st[0]), headersHold: headersHoldFor(e.stamps) };
  }
  /** Returns the files the graph depends on (what get() checks). */
  put(key, packages, ge, extraFiles) {
    const entry = { stamps: collectStamps(packages, ge, extraFiles), packages };
    writeFileAtomic(this.path(key), JSON.stringify(entry));
    return { files: entry.stamps.map((st) => st[0]), headersHold: headersHoldFor(entry.stamps) };
  }
};

// weaver/src/gocmd/overlay.ts
var import_node_fs18 = require("node:fs");
var import_node_path18 = require("node:path");
init_dirs();
function readUserOverlay(path, cwd) {
  const file = (0, import_node_path18.resolve)(cwd, path);
  let parsed2;
  try {
    parsed2 = JSON.parse((0, import_node_fs18.readFileSync)(file, "utf8"));
  } catch (err2) {
    throw new UsageError(`go-weave: reading -overlay ${file}: ${err2.message}`);
  }
  const rep = parsed2?.Replace;
  if (!rep || typeof rep !== "object") throw new UsageError(`go-weave: -overlay ${file}: expected a JSON object with a "Replace" field`);
  const m = /* @__PURE__ */ new Map();
  for (const [k, v] of Object.entries(rep)) m.set((0, import_node_path18.resolve)(cwd, k), v === "" ? "" : (0, import_node_path18.resolve)(cwd, v));
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
  return (0, import_node_path18.join)(mainDir, "zz_goweave_linkdeps.go");
}
var RUNTIME_IN_MODULE = ".go-weave/runtime";
function runtimeInModule(moduleRoot, runtimeDir) {
  return new Map(moduleSources(runtimeDir).files.map((f) => [(0, import_node_path18.join)(moduleRoot, RUNTIME_IN_MODULE, (0, import_node_path18.relative)(runtimeDir, f)), f]));
}
function writeOverlay(cache, entries) {
  const sorted = [...entries.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  const json = { Replace: Object.fromEntries(sorted) };
  return cache.putGenerated("overlay", "overlay.json", JSON.stringify(json, null, 1) + "\n");
}

// weaver/src/gocmd/pipeline.ts
init_dirs();

// weaver/src/gocmd/vendoring.ts
var import_node_fs19 = require("node:fs");
var import_node_crypto6 = require("node:crypto");
var import_node_path19 = require("node:path");
init_trim();
init_hash();
function buildsVendored(moduleRoot, parsed2, goflags) {
  const fromArgs = parsed2.flags.filter((f) => f.name === "mod").pop()?.value;
  const fromEnv = (goflags ?? "").split(/\s+/).map((f) => /^--?mod=(.*)$/.exec(f)?.[1]).filter((v) => v !== void 0).pop();
  const mode = fromArgs ?? fromEnv;
  return (mode === void 0 || mode === "vendor") && (0, import_node_fs19.existsSync)((0, import_node_path19.join)(moduleRoot, "vendor", "modules.txt"));
}
async function prepareVendorWorkspace(go, env, cache, moduleRoot, runtimeDir) {
  const vendorDir = (0, import_node_path19.join)(moduleRoot, "vendor");
  const gomod = (0, import_node_path19.join)(moduleRoot, "go.mod");
  const dir = (0, import_node_path19.join)(cache.root, "vendorws", sha256(moduleRoot, (0, import_node_fs19.readFileSync)(gomod, "utf8"), runtimeDir, vendorState(vendorDir)).slice(0, 32));
  const result = { workFile: (0, import_node_path19.join)(dir, "go.work"), vendorDir, linkedVendorDir: (0, import_node_path19.join)(dir, "vendor") };
  if (existsMarked(result.workFile)) return result;
  const r = await capture(go, ["mod", "edit", "-json", gomod], { env });
  if (r.code !== 0) throw new GoCommandError(`go mod edit -json ${gomod} failed`, r.stderr);
  const m = JSON.parse(r.stdout);
  let goLine = m.Go ?? "1.22";
  for (const min of ["1.22", runtimeGoVersion(runtimeDir)]) if (min && compareGoVersions(goLine, min) < 0) goLine = min;
  const work = [`go ${goLine}`, ...(m.Godebug ?? []).map((g) => `godebug ${g.Key}=${g.Value}`), "", "use (", `	${JSON.stringify(moduleRoot)}`, `	${JSON.stringify(runtimeDir)}`, ")", ""];
  const tmp = `${dir}.tmp-${process.pid}-${(0, import_node_crypto6.randomBytes)(4).toString("hex")}`;
  try {
    linkVendorInto((0, import_node_path19.join)(tmp, "vendor"), vendorDir, (text) => workspaceModulesTxt(completePre114ModulesTxt(text, m), moduleRoot, dir));
    (0, import_node_fs19.writeFileSync)((0, import_node_path19.join)(tmp, "go.work"), work.join("\n"));
    (0, import_node_fs19.renameSync)(tmp, dir);
  } catch (err2) {
    (0, import_node_fs19.rmSync)(tmp, { recursive: true, force: true });
    if (!(0, import_node_fs19.existsSync)(result.workFile)) throw err2;
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
  for (let i2 = 0; i2 < lines.length; i2++) {
    out.push(lines[i2]);
    const h = /^# (\S+)(?: (?!=>)(\S+))?(?: => .*)?$/.exec(lines[i2]);
    if (!h) continue;
    const key = h[2] ? `${h[1]} ${h[2]}` : h[1];
    headers.add(key);
    if (required.has(key) && !lines[i2 + 1]?.startsWith("## explicit")) out.push("## explicit");
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
    let rel = (0, import_node_path19.relative)(toDir, (0, import_node_path19.resolve)(fromDir, m[2])).split(import_node_path19.sep).join("/");
    if (rel !== ".." && !rel.startsWith("../")) rel = `./${rel}`;
    return m[1] + rel + m[3];
  }).join("\n");
}
function vendorState(vendorDir) {
  const entries = (0, import_node_fs19.readdirSync)(vendorDir).filter((e) => e !== "modules.txt").sort();
  return [(0, import_node_fs19.readFileSync)((0, import_node_path19.join)(vendorDir, "modules.txt"), "utf8"), ...entries].join("\n");
}
function linkWorkspaceVendor(workDir, copyDir) {
  const vendorDir = (0, import_node_path19.join)(workDir, "vendor");
  const ws = { workFile: (0, import_node_path19.join)(copyDir, "go.work"), vendorDir, linkedVendorDir: (0, import_node_path19.join)(copyDir, "vendor") };
  if ((0, import_node_fs19.existsSync)((0, import_node_path19.join)(ws.linkedVendorDir, "modules.txt"))) return ws;
  const tmp = `${ws.linkedVendorDir}.tmp-${process.pid}-${(0, import_node_crypto6.randomBytes)(4).toString("hex")}`;
  try {
    linkVendorInto(tmp, vendorDir, (text) => relocateModulesTxt(text, workDir, copyDir));
    (0, import_node_fs19.renameSync)(tmp, ws.linkedVendorDir);
  } catch (err2) {
    (0, import_node_fs19.rmSync)(tmp, { recursive: true, force: true });
    if (!(0, import_node_fs19.existsSync)((0, import_node_path19.join)(ws.linkedVendorDir, "modules.txt"))) throw err2;
  }
  return ws;
}
function linkVendorInto(dir, vendorDir, rewrite) {
  (0, import_node_fs19.mkdirSync)(dir, { recursive: true });
  for (const e of (0, import_node_fs19.readdirSync)(vendorDir)) if (e !== "modules.txt") (0, import_node_fs19.symlinkSync)((0, import_node_path19.join)(vendorDir, e), (0, import_node_path19.join)(dir, e));
  (0, import_node_fs19.writeFileSync)((0, import_node_path19.join)(dir, "modules.txt"), rewrite((0, import_node_fs19.readFileSync)((0, import_node_path19.join)(vendorDir, "modules.txt"), "utf8")));
}
function inWorkspace(ws, file) {
  return file.startsWith(ws.vendorDir + import_node_path19.sep) ? ws.linkedVendorDir + file.slice(ws.vendorDir.length) : file;
}

// weaver/src/gocmd/pipeline.ts
init_lazyconfig();

// weaver/src/gocmd/testmain.ts
var import_node_fs21 = require("node:fs");
var import_node_path21 = require("node:path");
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
        return TEST_MAIN.test((0, import_node_fs21.readFileSync)((0, import_node_path21.join)(dir, f), "utf8"));
      } catch {
        return false;
      }
    });
    const hostFile = isFileList(plain) ? (0, import_node_path21.join)(dir, (plain.TestGoFiles?.length ? plain.TestGoFiles : plain.XTestGoFiles ?? [])[0]) : void 0;
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
var import_node_fs22 = require("node:fs");
var import_promises = require("node:fs/promises");
init_core();
async function weaveEach(units, opts, again) {
  const results = again ? [...again.previous] : new Array(units.length);
  const todo = again ? [...again.only].sort((a, b) => a - b) : units.map((_, i2) => i2);
  const counter = { weavedNow: 0 };
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const i2 = todo[next++];
      results[i2] = await weaveOne(units[i2], opts, counter);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, todo.length)) }, worker));
  return { results, weavedNow: counter.weavedNow };
}
function mergeOutcome(results, weavedNow) {
  const out = { overlay: /* @__PURE__ */ new Map(), addedImports: /* @__PURE__ */ new Set(), linkDeps: /* @__PURE__ */ new Set(), wovenPackages: [], joinPoints: 0, aspects: /* @__PURE__ */ new Set(), errors: [], weavedNow };
  for (const r of results) if (r && "error" in r) out.errors.push(r.error);
  for (const m of results) {
    if (!m || "error" in m) continue;
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
      const st = (0, import_node_fs22.statSync)(real);
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
  const source = (path) => opts.readSource?.(path) || path;
  const files = opts.readSync ? unit.files.map((path) => ({ path, source: (0, import_node_fs22.readFileSync)(source(path), "utf8") })) : await Promise.all(unit.files.map(async (path) => ({ path, source: await (0, import_promises.readFile)(source(path), "utf8") })));
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
  } catch (err2) {
    return { error: asLocated(err2) };
  }
  const targets = new Set(unit.targets);
  const woven = {};
  for (const f of result.files) {
    if (!f.changed || !targets.has(f.path)) continue;
    woven[f.path] = opts.cache.putSource(f.path, f.source);
  }
  const m = { importPath: unit.ref.importPath, woven, addedImports: result.addedImports, linkDeps: result.linkDeps, joinPoints: result.joinPoints, aspects: result.aspects };
  const remember = () => {
    opts.cache.writeManifest(key, m);
    opts.cache.writeMemo(quick, key);
  };
  if (opts.later) opts.later(remember);
  else remember();
  return m;
}

// weaver/src/gocmd/pipeline.ts
init_coverweave();
var MEMO_MIN_FILES = 8;
async function prepare(runner, subcommand, args, env, runtimeDir, workDir = process.cwd()) {
  const timings = { env: 0, config: 0, list: 0, weave: 0 };
  const parsed2 = parseGoArgs(subcommand, args);
  let go = goBinary(env);
  const cwd = parsed2.chdir ? (0, import_node_path23.resolve)(workDir, parsed2.chdir) : workDir;
  const userOverlay = parsed2.userOverlay ? readUserOverlay(parsed2.userOverlay, cwd) : /* @__PURE__ */ new Map();
  const listFlags = [...parsed2.graphFlags];
  if (parsed2.userOverlay) listFlags.push(`-overlay=${(0, import_node_path23.resolve)(cwd, parsed2.userOverlay)}`);
  if (parsed2.userModfile) listFlags.push(`-modfile=${(0, import_node_path23.resolve)(cwd, parsed2.userModfile)}`);
  const tEnv = import_node_perf_hooks.performance.now();
  const cacheDir = weaveCacheDir(env);
  const cache = new WeaveCache(cacheDir);
  try {
    (0, import_node_fs24.mkdirSync)(cache.root, { recursive: true });
  } catch (err2) {
    throw new UsageError(`go-weave: cannot use the weave cache ${cacheDir}: ${err2.message}; set GOWEAVE_CACHE to a writable directory`);
  }
  const envOf2 = runner.goEnv ?? goEnv;
  let ge = await envOf2(go, { cwd, env });
  const goroot = toolchainCopy(cache, ge.GOMODCACHE, ge.GOROOT);
  if (goroot) {
    go = (0, import_node_path23.join)(goroot, "bin", process.platform === "win32" ? "go.exe" : "go");
    const { GOROOT: _ignored, ...rest } = env;
    env = { ...rest, GOTOOLCHAIN: "local" };
    ge = await envOf2(go, { cwd, env });
  }
  timings.env = import_node_perf_hooks.performance.now() - tEnv;
  const gomod = parsed2.userModfile ? (0, import_node_path23.resolve)(cwd, parsed2.userModfile) : ge.GOMOD;
  if (!ge.GOMOD || ge.GOMOD === "/dev/null" || ge.GOMOD === "NUL") {
    throw new UsageError(`go-weave: no go.mod in ${cwd} or any parent directory: go-weave builds Go modules; create one with "go mod init <module path>" (or cd into the module)`);
  }
  const moduleRoot = (0, import_node_path23.dirname)(ge.GOMOD);
  const configPath = env.GOWEAVE_CONFIG ? (0, import_node_path23.resolve)(cwd, env.GOWEAVE_CONFIG) : void 0;
  if (configPath && !(0, import_node_fs24.existsSync)(configPath)) throw new UsageError(`go-weave: GOWEAVE_CONFIG names ${configPath}, which does not exist`);
  const configOpts = { configPath, moduleRoot };
  const tConfig = import_node_perf_hooks.performance.now();
  const configWatch = configPath ? [] : [(0, import_node_path23.join)(moduleRoot, "go-weave.yml")];
  const configSalt = env.GOWEAVE_ASSETS ?? "";
  const config = new LazyConfig(runner.core, configOpts, cache, configWatch, configSalt);
  const located = (p) => p.catch((err2) => {
    const loc = asLocated(err2);
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
  let headersHold;
  if (cachedPlan) {
    ({ packages, files: planFiles, headersHold } = cachedPlan);
  } else {
    packages = await goList(go, { cwd, env, flags: listFlags, patterns: parsed2.packages, tests });
    const stampFiles = [gomod, gomod.replace(/\.mod$/, ".sum")];
    if (ge.GOWORK && ge.GOWORK !== "off") stampFiles.push(ge.GOWORK, ge.GOWORK + ".sum");
    if (parsed2.userOverlay) stampFiles.push((0, import_node_path23.resolve)(cwd, parsed2.userOverlay), ...userOverlay.keys(), ...[...userOverlay.values()].filter(Boolean));
    if (!packages.some((p) => p.Error || p.Incomplete)) ({ files: planFiles, headersHold } = plans.put(planKey, packages, ge, stampFiles));
  }
  const tWeave = import_node_perf_hooks.performance.now();
  const tested = subcommand === "test" ? testedPackages(packages) : [];
  const stubs = /* @__PURE__ */ new Map();
  const extra = /* @__PURE__ */ new Map();
  for (const t of tested) {
    if (t.hasTestMain) continue;
    if (t.hostFile !== void 0) {
      const host = t.hostFile;
      const src = standInTestMain((0, import_node_fs24.readFileSync)(userOverlay.get(host) || host, "utf8"));
      if (src !== void 0) stubs.set(host, cache.putGenerated("testmain", (0, import_node_path23.basename)(host), src));
      continue;
    }
    const path = (0, import_node_path23.join)(t.dir, TESTMAIN_FILE);
    stubs.set(path, cache.putGenerated("testmain", TESTMAIN_FILE, testMainStub(t.name)));
    extra.set(t.variant, [path]);
  }
  const planned = await planUnitsAsync(packages, (ref) => located(config.mayMatch(ref)), extra);
  const modcache = ge.GOMODCACHE ? ge.GOMODCACHE + import_node_path23.sep : void 0;
  const inModcache = (f) => !!modcache && f.startsWith(modcache);
  const units = planned.filter((u) => !(u.ref.standard && u.targets.some(inModcache)));
  const skipped = planned.filter((u) => !units.includes(u)).map((u) => u.ref.importPath);
  const weave = async (input) => {
    const aspects = await located(config.aspects());
    const memoDir = input.files.length >= MEMO_MIN_FILES ? cacheDir : void 0;
    if (runner.weaveWith) return runner.weaveWith(aspects, configOpts, memoDir)(input);
    return runner.core.weavePackage(aspects, input, fileMemoIn(memoDir, runner.core.fingerprint));
  };
  const readSource = userOverlay.size || stubs.size ? (p) => stubs.get(p) ?? userOverlay.get(p) : void 0;
  const weaveOpts = { cache, fingerprint: runner.core.fingerprint, aspectHash, weave, concurrency: runner.concurrency ?? (0, import_node_os4.availableParallelism)(), readSource };
  const first = await weaveEach(units, weaveOpts);
  timings.list = tWeave - tList;
  const setUpModules = async (rtDir, moduleCopies, trimmed, served) => {
    const goVars = {};
    let modfile = parsed2.userModfile ? gomod : void 0;
    const goWork = ge.GOWORK && ge.GOWORK !== "off" ? ge.GOWORK : void 0;
    let vendorWs;
    let runtimeFiles = /* @__PURE__ */ new Map();
    let runtimeServed;
    let runtimeInputs = [];
    if (rtDir !== void 0 && goWork === void 0 && buildsVendored(moduleRoot, parsed2, ge.GOFLAGS)) {
      if (parsed2.userModfile) throw new UsageError(`go-weave: ${moduleRoot} builds in vendor mode with -modfile; woven code needs the runtime module, which go-weave brings in through a workspace, and workspaces refuse -modfile`);
      vendorWs = await prepareVendorWorkspace(go, env, cache, moduleRoot, rtDir);
      goVars.GOWORK = vendorWs.workFile;
    } else if (rtDir !== void 0 || moduleCopies.length > 0) {
      if (goWork !== void 0) {
        const vendored = buildsVendored((0, import_node_path23.dirname)(goWork), parsed2, ge.GOFLAGS);
        const work = await prepareWorkfile(go, env, cache, goWork, rtDir, moduleCopies, vendored ? vendorState((0, import_node_path23.join)((0, import_node_path23.dirname)(goWork), "vendor")) : "");
        if (work) {
          goVars.GOWORK = work;
          if (vendored) vendorWs = linkWorkspaceVendor((0, import_node_path23.dirname)(goWork), (0, import_node_path23.dirname)(work));
        }
      } else {
        const gomodcache = ge.GOMODCACHE;
        const serve2 = rtDir !== void 0 && served && gomodcache && !bypassesProxy(RUNTIME_MODULE, served.noProxy) ? () => {
          const rt = serveRuntime(served.root, gomodcache, rtDir);
          runtimeServed = rt?.served;
          runtimeInputs = rt?.files ?? [];
          return runtimeServed;
        } : void 0;
        modfile = prepareModfile(cache, gomod, rtDir, moduleCopies, selectedModules(packages), trimmed ? `./${RUNTIME_IN_MODULE}` : rtDir, serve2) ?? modfile;
        if (trimmed && rtDir !== void 0 && runtimeServed === void 0 && modfile !== void 0) runtimeFiles = runtimeInModule(moduleRoot, rtDir);
      }
    }
    const servedModules = [...moduleCopies.filter((c) => c.served), ...runtimeServed ? [{ path: RUNTIME_MODULE, served: runtimeServed }] : []];
    if (served && servedModules.length > 0) {
      goVars.GOPROXY = proxyList(served.root, ge.GOPROXY);
      await fetchServedQuietly(go, { ...env, ...goVars }, servedModules, ge.GOMODCACHE, boolFlagOn("modcacherw", parsed2, ge.GOFLAGS));
    }
    return { modfile, vendorWs, runtimeFiles, runtimeServed, runtimeInputs, env: goVars };
  };
  let lastModules;
  const finish = async (results, weavedNow, t, since, edited) => {
    const outcome = mergeOutcome(results, weavedNow);
    config.save();
    t.weave = import_node_perf_hooks.performance.now() - since;
    const overlay = new Map(userOverlay);
    const trimmed = boolFlagOn("trimpath", parsed2, ge.GOFLAGS);
    const testedDirs = new Set(tested.map((t2) => t2.dir));
    const testsRun = (moduleDir2) => packages.some((p) => p.Module?.Dir === moduleDir2 && !!p.Dir && testedDirs.has(p.Dir));
    const lines = (moduleDir2) => !trimmed && !testsRun(moduleDir2);
    const linkDeps = [...outcome.linkDeps].filter((d) => !(subcommand === "test" && d === OTLP_EXPORTER && !testsExportOtlp(parsed2, env, ge.GOFLAGS)));
    const added = /* @__PURE__ */ new Map();
    const importsInto = [];
    if (linkDeps.length > 0) {
      const testMains = new Set(testMainPackages(packages));
      for (const p of packages) {
        if (p.Name === "main" && !p.DepOnly && !p.ForTest && p.Dir && !testMains.has(p)) {
          if (isFileList(p)) {
            const first2 = p.GoFiles?.[0] ?? p.CgoFiles?.[0];
            if (first2 !== void 0) importsInto.push((0, import_node_path23.join)(p.Dir, first2));
          } else added.set(linkDepsPath(p.Dir), cache.putGenerated("linkdeps", "zz_goweave_linkdeps.go", linkDepsFile(linkDeps)));
        }
      }
      for (const t2 of tested) {
        if (t2.name === "main") continue;
        if (t2.hostFile !== void 0) importsInto.push(t2.hostFile);
        else added.set((0, import_node_path23.join)(t2.dir, TEST_LINKDEPS_FILE), cache.putGenerated("linkdeps", TEST_LINKDEPS_FILE, testLinkDepsFile(t2.name, linkDeps)));
      }
    }
    const served = ge.GOMODCACHE && env.GOWEAVE_MODULE_PROXY !== "0" && writable((0, import_node_path23.join)(ge.GOMODCACHE, "cache", "download")) ? { root: (0, import_node_path23.join)(cache.root, "modproxy"), noProxy: ge.GONOPROXY } : void 0;
    const moduleCopies = copyWovenModules(cache, ge.GOMODCACHE, packages, outcome.overlay, added, { lines, trimmed, served, testsRun });
    const isServed = (f) => moduleCopies.some((c) => c.served && f.startsWith(c.dir + import_node_path23.sep));
    for (const [k, v] of outcome.overlay) {
      if (isServed(k)) continue;
      const at = relocate(moduleCopies, k);
      overlay.set(at ?? k, at && trimmed ? cache.putGenerated("trimpath", (0, import_node_path23.basename)(k), directivesNamingCopy((0, import_node_fs24.readFileSync)(v, "utf8"), k, at)) : v);
    }
    for (const [path, generated] of added) {
      if (isServed(path)) continue;
      const at = relocate(moduleCopies, path) ?? path;
      if (!inModcache(at)) overlay.set(at, generated);
    }
    for (const file of importsInto) {
      const src = extendedSource((0, import_node_fs24.readFileSync)(overlay.get(file) || file, "utf8"), linkDeps.map((path) => ({ name: "_", path })));
      if (src !== void 0) overlay.set(file, cache.putGenerated("linkdeps", (0, import_node_path23.basename)(file), src));
    }
    const goArgs = [subcommand];
    if (parsed2.chdir !== void 0) goArgs.push("-C", parsed2.chdir);
    const listed = new Set(packages.map((p) => p.ImportPath));
    const needsRuntime = [...outcome.addedImports].some((i2) => isRuntimePackage(i2) && !listed.has(i2));
    const rtDir = needsRuntime ? runner.runtimeDir ?? runtimeDir() : void 0;
    const modulesKey = JSON.stringify([rtDir ?? null, moduleCopies, served ?? null]);
    const modules = edited !== void 0 && lastModules?.key === modulesKey ? lastModules.setup : await setUpModules(rtDir, moduleCopies, trimmed, served);
    lastModules = { key: modulesKey, setup: modules };
    const { modfile, vendorWs, runtimeFiles, runtimeServed, runtimeInputs } = modules;
    const childEnv = { ...env, ...modules.env };
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
        const added2 = {};
        for (const [k, v] of final) if (v && !(0, import_node_fs24.existsSync)(k)) added2[k] = v;
        const files = coverFiles = writeCoverFiles(cache, runner.coverCommand, runner.core.fingerprint, {
          cacheDir,
          config: { ...configOpts, watch: configWatch, salt: configSalt },
          aspectHash,
          ...woven,
          sources,
          added: added2
        });
        const t2 = toolexecFlag(parsed2, ge.GOFLAGS, files.script, files.plan);
        goArgs.push(t2.flag);
        rest = t2.rest;
      }
    }
    goArgs.push(...rest);
    const inputs = planFiles ? [...planFiles, ...config.files(), ...configPath ? [configPath] : [], ...runtimeInputs] : [];
    const again = headersHold && !readSource ? async (changed, later) => {
      const t0 = import_node_perf_hooks.performance.now();
      if (!changed.every(isFile) || !headersHold(changed)) return void 0;
      const only = /* @__PURE__ */ new Set();
      units.forEach((u, i2) => {
        if (changed.some((f) => u.files.includes(f))) only.add(i2);
      });
      const next = await weaveEach(units, { ...weaveOpts, readSync: true, later }, { previous: results, only });
      return finish(next.results, next.weavedNow, { env: 0, config: 0, list: 0, weave: 0 }, t0, changed.length);
    } : void 0;
    return { parsed: parsed2, go, cwd, packages, outcome, goArgs, goEnv: childEnv, userOverlay, timings: t, planCached, skipped: [...new Set(skipped)], moduleCopies, ge, inputs, goFiles: { overlay: overlayFile, replace: final, modfile, cover: coverFiles }, configOpts, toolchainCopy: goroot, testMainOnly, runtimeDir: rtDir, runtimeServed, again, ...edited === void 0 ? {} : { edited } };
  };
  return finish(first.results, first.weavedNow, timings, tWeave);
}
function writable(dir) {
  try {
    (0, import_node_fs24.accessSync)(dir, import_node_fs24.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
function selectedModules(packages) {
  const out = [];
  for (const p of packages) {
    const m = p.Module;
    if (m && !m.Main && m.Version) out.push({ path: m.Path, version: m.Version });
  }
  return out;
}
function copyWovenModules(cache, gomodcache, packages, woven, added, opts) {
  if (!gomodcache) return [];
  const files = [...woven.keys()].filter((f) => f.startsWith(gomodcache + import_node_path23.sep));
  if (files.length === 0) return [];
  const byDir = /* @__PURE__ */ new Map();
  for (const p of packages) if (p.Dir && p.Module?.Dir && p.Module.Version) byDir.set(p.Dir, p.Module);
  const copies = /* @__PURE__ */ new Map();
  for (const f of files) {
    const m = byDir.get((0, import_node_path23.dirname)(f));
    if (!m?.Dir || !m.Version || copies.has(m.Dir)) continue;
    const mod = { path: m.Path, version: m.Version, dir: m.Dir, goMod: m.GoMod };
    const lines = opts.lines(m.Dir);
    const s = opts.served;
    if (s && !m.Replace && !bypassesProxy(m.Path, s.noProxy) && !opts.testsRun(m.Dir)) {
      const dir = m.Dir;
      const changed = new Map([...woven, ...added].filter(([k]) => k.startsWith(dir + import_node_path23.sep)));
      const version = serveModule(s.root, gomodcache, {
        ...mod,
        changed,
        renderKey: `lines=${lines ? dir : ""} trimmed=${opts.trimmed}`,
        render: (file) => {
          if (!file.changed) return lines ? lineNamed(file.text, file.original) : file.text;
          return opts.trimmed ? directivesNamingCopy(file.text, file.original, file.extractedAt) : file.text;
        }
      });
      if (version) {
        copies.set(m.Dir, { ...mod, served: version });
        continue;
      }
    }
    copies.set(m.Dir, ensureModuleCopy(cache, gomodcache, mod, { lines }));
  }
  return [...copies.values()].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

// weaver/src/gocmd/realcore.ts
var import_node_os5 = require("node:os");

// weaver/src/gocmd/pool.ts
init_cache();

// weaver/src/gocmd/pool-spawn.ts
var import_node_fs25 = require("node:fs");
var import_node_module = require("node:module");
var import_node_path24 = require("node:path");
var import_node_url4 = require("node:url");
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
  const pkg = JSON.parse((0, import_node_fs25.readFileSync)(manifest, "utf8"));
  const api = pkg.exports?.["./esm/api"];
  const file = typeof api?.import === "string" ? api.import : api?.import?.default;
  if (!file) throw new Error("go-weave: the installed tsx has no ESM register API (tsx/esm/api)");
  return (0, import_node_url4.pathToFileURL)((0, import_node_path24.join)((0, import_node_path24.dirname)(manifest), file)).href;
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
    const i2 = this.lanes.indexOf(lane);
    if (i2 < 0 || this.closed) return;
    this.lanes.splice(i2, 1);
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
    weavePackage: async (a, input, memo3) => (await core()).weavePackage(a, input, memo3),
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
  const cores = (0, import_node_os5.availableParallelism)();
  return cores > 1 ? cores : 0;
}
function poolConcurrency(workers) {
  return Math.max((0, import_node_os5.availableParallelism)(), 4 * (workers + 1));
}

// weaver/src/gocmd/report.ts
var import_node_fs26 = require("node:fs");
function appendReport(path, r) {
  appendReportLine(path, reportLine(r));
}
function appendReportLine(path, line) {
  if (path) (0, import_node_fs26.appendFileSync)(path, line + "\n");
}
function reportLine(r) {
  const errors = r.errors.map((e) => ({ file: e.file ?? "", line: e.line ?? 0, col: e.col ?? 0, message: e.message }));
  return JSON.stringify({ wovenPackages: r.wovenPackages, joinPoints: r.joinPoints, aspects: [...r.aspects].sort(), errors, replacedModules: [...r.replacedModules ?? []].sort() });
}

// weaver/src/gocmd/launcher.ts
var import_node_fs30 = require("node:fs");
var import_node_crypto7 = require("node:crypto");
var import_node_path27 = require("node:path");
init_atomic();

// weaver/src/gocmd/replay.ts
var import_node_fs29 = require("node:fs");
var import_node_path26 = require("node:path");
init_atomic();
init_env();
init_listing();

// weaver/src/gocmd/racy.ts
var import_node_fs27 = require("node:fs");
function racyWindowNs(path, mtimeNs) {
  if (process.platform !== "linux" || mtimeNs % 1000000000n === 0n) return COARSE_NS;
  try {
    return LOCAL_LINUX_FS.has(Number((0, import_node_fs27.statfsSync)(path).type)) ? FINE_NS : COARSE_NS;
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
var import_node_fs28 = require("node:fs");
var import_node_path25 = require("node:path");
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
  const immutable2 = [p.ge.GOROOT, p.ge.GOMODCACHE].filter(Boolean).map((d) => d + import_node_path25.sep);
  const mutable = (d) => !!d && !immutable2.some((i2) => d.startsWith(i2));
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
    files.push(...names.map((n) => (0, import_node_path25.join)(dir, n)));
  }
  for (const pkg of p.packages) {
    if (pkg.Module?.Main && pkg.Module.Dir && mutable(pkg.Module.Dir)) files.push((0, import_node_path25.join)(pkg.Module.Dir, "go.sum"));
  }
  if (p.ge.GOWORK && p.ge.GOWORK !== "off") files.push((0, import_node_path25.join)((0, import_node_path25.dirname)(p.ge.GOWORK), "go.work.sum"));
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
  for (const t of targets) if (t.Name === "main" && t.Dir && mutable(t.Dir)) files.push((0, import_node_path25.join)(t.Dir, "default.pgo"));
  return { dir: p.cwd, outputs, files: [...new Set(files)].sort(), embeds: [...embeds].sort() };
}
var MAX_EMBED_ENTRIES = 2e3;
function embedRoot(dir, pattern) {
  const elems = pattern.replace(/^all:/, "").split("/");
  const wild = elems.findIndex((e) => /[*?[\\]/.test(e));
  return (0, import_node_path25.join)(dir, ...wild < 0 ? elems : elems.slice(0, wild));
}
function treeSize(root, limit) {
  let n = 1;
  let entries;
  try {
    if (!(0, import_node_fs28.statSync)(root).isDirectory()) return 1;
    entries = (0, import_node_fs28.readdirSync)(root, { withFileTypes: true });
  } catch {
    return 1;
  }
  for (const e of entries) {
    if (n > limit) break;
    n += e.isDirectory() ? treeSize((0, import_node_path25.join)(root, e.name), limit - n) : 1;
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
    return [{ path: (0, import_node_path25.join)(p.cwd, exe(targets[0])), pkg: targets[0].ImportPath }];
  }
  if (o === "/dev/null") return [];
  if (targets.some((t) => t.Name !== "main")) return void 0;
  const path = (0, import_node_path25.resolve)(p.cwd, o);
  if (o.endsWith("/") || o.endsWith(import_node_path25.sep) || isDirectory(path)) return targets.map((t) => ({ path: (0, import_node_path25.join)(path, exe(t)), pkg: t.ImportPath }));
  return targets.length === 1 ? [{ path, pkg: targets[0].ImportPath }] : void 0;
}
function execName(importPath) {
  const elems = importPath.split("/");
  const last = elems[elems.length - 1];
  return /^v([2-9]|[1-9][0-9]+)$/.test(last) && elems.length > 1 ? elems[elems.length - 2] : (0, import_node_path25.basename)(last);
}

// weaver/src/gocmd/replay.ts
var ENTRY_VARS = ["GOWEAVE_ENTRY", "GOWEAVE_REPLAY_RECORD", "GOWEAVE_LAUNCHER", "GOWEAVE_SERVER_SOCKET", "GOWEAVE_SERVER_REQUEST"];
function withoutEntryVars(env) {
  const out = { ...env };
  for (const k of ENTRY_VARS) delete out[k];
  return out;
}
function replayRecord(p, inputEnv, extras, earlier) {
  if (p.inputs.length === 0) return void 0;
  const go = absoluteGo(p.go, inputEnv);
  if (!go) return void 0;
  const set = {};
  const unset = [];
  for (const [k, v] of Object.entries(p.goEnv)) if (v !== void 0 && inputEnv[k] !== v) set[k] = v;
  for (const k of Object.keys(inputEnv)) if (inputEnv[k] !== void 0 && p.goEnv[k] === void 0) unset.push(k);
  const stamps = [];
  let listed;
  const kept = earlier ? stampsByPath(earlier.record.stamps) : void 0;
  const input = (path) => stamps.push(!earlier?.edited.has(path) && kept?.get(path) || inputStamp(path, extras.startNs, listed ??= listedGoFiles(p)));
  input(go);
  if (p.ge.GOENV) input(p.ge.GOENV);
  for (const f of moduleLookups(p.cwd)) input(f);
  if (p.ge.GOMOD) input((0, import_node_path26.join)((0, import_node_path26.dirname)(p.ge.GOMOD), "vendor", "modules.txt"));
  const { originals, generated } = overlaid(p);
  for (const f of /* @__PURE__ */ new Set([...p.inputs, ...originals])) input(f);
  for (const f of generated) stamps.push(`+ 0 ${f}`);
  const skip = earlier ? earlier.record.skip : skipGuard(p);
  return { v: 1, go, args: p.goArgs.slice(), set, unset: unset.sort(), stamps, stderr: extras.stderr, report: extras.report, summary: extras.summary, ...skip ? { skip } : {} };
}
function moduleLookups(cwd) {
  const out = [];
  for (let d = cwd; ; d = (0, import_node_path26.dirname)(d)) {
    out.push((0, import_node_path26.join)(d, "go.mod"), (0, import_node_path26.join)(d, "go.work"));
    if ((0, import_node_path26.dirname)(d) === d) return out;
  }
}
function stampsByPath(stamps) {
  const out = /* @__PURE__ */ new Map();
  for (const s of stamps) {
    if (s.startsWith("+ ")) continue;
    out.set(s.slice(s.indexOf(" ", s.indexOf(" ") + 1) + 1), s);
  }
  return out;
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
    st = (0, import_node_fs29.statSync)(path, { bigint: true });
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
  for (const m of p.moduleCopies) generated.push(m.served ? m.served.zip : m.copy);
  if (p.runtimeServed) generated.push(p.runtimeServed.zip);
  if (p.toolchainCopy) generated.push(p.toolchainCopy);
  return { originals, generated };
}

// weaver/src/gocmd/launcher.ts
async function ensureLauncher(go, env, target, src) {
  if ((0, import_node_fs30.existsSync)(target)) return true;
  const failed = target + ".failed";
  if ((0, import_node_fs30.existsSync)(failed)) return false;
  const wanted = (0, import_node_path27.join)((0, import_node_path27.dirname)(target), "wanted");
  if (!(0, import_node_fs30.existsSync)(wanted)) {
    writeFileAtomic(wanted, "");
    return false;
  }
  const tmp = `${target}.tmp-${process.pid}-${(0, import_node_crypto7.randomBytes)(4).toString("hex")}`;
  const buildEnv = { ...env, GOWORK: "off", GOFLAGS: "-mod=mod -buildvcs=false", GOTOOLCHAIN: "local" };
  for (const k of ["GOOS", "GOARCH", "GOEXPERIMENT", "GO386", "GOAMD64", "GOARM", "GOARM64"]) delete buildEnv[k];
  try {
    const r = await capture(go, ["build", "-ldflags=-s -w", "-o", tmp, "."], { cwd: src, env: buildEnv });
    if (r.code !== 0) {
      writeFileAtomic(failed, r.stderr);
      return false;
    }
    (0, import_node_fs30.renameSync)(tmp, target);
    return true;
  } catch (err2) {
    (0, import_node_fs30.rmSync)(tmp, { force: true });
    writeFileAtomic(failed, String(err2));
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
  } catch (err2) {
    if (env.GOWEAVE_VERBOSE) process.stderr.write(`go-weave: no replay record: ${err2.message}
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
  if (p.edited !== void 0) return `from the last plan, ${p.edited} edited file${p.edited === 1 ? "" : "s"}: weaving ${t.weave.toFixed(0)} ms`;
  return `go env ${t.env.toFixed(0)} ms, config ${t.config.toFixed(0)} ms, go list ${t.list.toFixed(0)} ms, weaving ${t.weave.toFixed(0)} ms`;
}

// weaver/src/gocmd/server.ts
var import_node_child_process3 = require("node:child_process");

// weaver/src/gocmd/ahead.ts
var import_node_path28 = require("node:path");
init_args();
function aheadDir(recordPath) {
  return recordPath + ".ahead-out";
}
function aheadStarting(recordPath) {
  return recordPath + ".ahead-starting";
}
function launcherOfRecord(recordPath) {
  const dir = (0, import_node_path28.dirname)(recordPath);
  return (0, import_node_path28.join)((0, import_node_path28.dirname)((0, import_node_path28.dirname)(dir)), "launcher", (0, import_node_path28.basename)(dir), "go-weave-launch");
}
function aheadArgs(r, dir) {
  const [sub, ...args] = r.args;
  if (sub === "run") return runAheadArgs(args);
  if (sub === "test") return testAheadArgs(args);
  if (sub === "vet") return ["vet", ...args];
  const outputs = r.skip?.outputs ?? [];
  if (sub !== "build" && sub !== "install" || outputs.length === 0) return void 0;
  const output = outputs.length === 1 ? (0, import_node_path28.join)(dir, (0, import_node_path28.basename)(outputs[0].path)) : dir + "/";
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
var import_node_fs32 = require("node:fs");
var import_node_net = require("node:net");
init_args();
init_env();
var import_node_path30 = require("node:path");

// weaver/src/gocmd/server-watch.ts
var import_node_fs31 = require("node:fs");
init_dirs();
init_listing();
var import_node_path29 = require("node:path");
var MAX_WATCHED = 2e3;
var MAX_LOGGED = 256;
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
  /** The latest changes, oldest first: the generation each began, and the Go file (or none: something else). */
  log = [];
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
    return paths.every((p) => [p, (0, import_node_path29.dirname)(p)].some((d) => {
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
  /**
   * The Go files changed since `m`, each once, or undefined when something else changed too (a
   * directory, a file the plan stamped that is no Go file, an overflowed queue) or when the watch
   * cannot say (events it cannot trust, changes it no longer remembers).
   */
  changedSince(m) {
    if (!this.trustEvents) return void 0;
    if (m.generation === this.generation) return [];
    const first = this.log[0];
    if (!first || first.generation > m.generation + 1) return void 0;
    const out = /* @__PURE__ */ new Set();
    for (const e of this.log) {
      if (e.generation <= m.generation) continue;
      if (e.path === void 0) return void 0;
      out.add(e.path);
    }
    return [...out];
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
        const w = (0, import_node_fs31.watch)(d, { persistent: false }, (event, name) => this.changed(d, event, name));
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
    this.moveOn();
  }
  moveOn(path) {
    this.generation++;
    this.log.push({ generation: this.generation, path });
    if (this.log.length > MAX_LOGGED) this.log.shift();
  }
  changed(dir, event, name) {
    const n = name === null ? null : (0, import_node_path29.basename)(name.toString());
    if (event === "rename" && (n === (0, import_node_path29.basename)(dir) || !(0, import_node_fs31.existsSync)(dir))) {
      this.drop(dir);
      this.onChange();
      return;
    }
    if (n !== null && !n.endsWith(".go") && !this.relevant.has(n) && !(event === "rename" && visitedDir(n) && isDirectory((0, import_node_path29.join)(dir, n)))) return;
    this.moveOn(n !== null && n.endsWith(".go") ? (0, import_node_path29.join)(dir, n) : void 0);
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
    const st = (0, import_node_fs32.statSync)(path, { bigint: true });
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
function sameRequest(a, b) {
  return a === b || a.cwd === b.cwd && a.record === b.record && sameStrings(a.argv, b.argv) && sameStrings(a.env, b.env);
}
function sameStrings(a, b) {
  return a.length === b.length && a.every((x2, i2) => x2 === b[i2]);
}
function envOf(entries) {
  const env = {};
  for (const kv of entries) {
    const i2 = kv.indexOf("=");
    if (i2 > 0) env[kv.slice(0, i2)] = kv.slice(i2 + 1);
  }
  return env;
}
async function answer(req, after, later) {
  const startNs = nowNs();
  const env = envOf(req.env);
  const no = { reply: { ok: false } };
  if ((env.GOWEAVE_ASSETS ?? "") !== (process.env.GOWEAVE_ASSETS ?? "")) return no;
  for (const k of ["GOWEAVE_CACHE", "GOWEAVE_GO"]) {
    const v = env[k];
    if (v && !(0, import_node_path30.isAbsolute)(v) && (k === "GOWEAVE_CACHE" || v.includes("/"))) env[k] = (0, import_node_path30.resolve)(req.cwd, v);
  }
  const cmd = wovenCommand(req.argv);
  if (!cmd) return no;
  try {
    const again = after && await after.prepared.again?.(after.changed, later);
    const p = again || await plan({ core: await loadRealCore(), goEnv: rememberedGoEnv, coverCommand: selfCommand() }, cmd, env, req.cwd);
    p.goEnv = withoutEntryVars(p.goEnv);
    const { warnings, report, summary } = describeOutcome(p);
    const earlier = again && after.record ? { record: after.record, edited: new Set(after.changed) } : void 0;
    const r = replayRecord(p, env, { stderr: warnings, report, summary, startNs }, earlier);
    if (!r) return no;
    const racy = racyPaths(r).map((path) => ({ path, seen: fileStamp(path) }));
    const work = { weavedNow: p.outcome.weavedNow, timings: timingsLine(p) };
    return { reply: { ok: true, verbose: `${work.weavedNow} woven now; ${work.timings}` }, record: r, sources: watchedSources(p), racy, work, prepared: p };
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
  const immutable2 = [p.ge.GOROOT, p.ge.GOMODCACHE].filter(Boolean).map((d) => d + import_node_path30.sep);
  const dirs = /* @__PURE__ */ new Set();
  for (const pkg of p.packages) {
    for (const d of [pkg.Dir, pkg.Module?.Main ? pkg.Module.Dir : void 0]) {
      if (d && !pkg.Standard && !immutable2.some((i2) => d.startsWith(i2))) dirs.add(d);
    }
  }
  if (p.configOpts.configPath) dirs.add((0, import_node_path30.dirname)(p.configOpts.configPath));
  return { dirs, names: new Set(p.inputs.map((f) => (0, import_node_path30.basename)(f))) };
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
      const st = (0, import_node_fs32.statSync)(p, { bigint: true });
      return `${st.mtimeNs} ${st.size}`;
    } catch {
      return "-";
    }
  }).join("\n");
}
async function serve(socketPath, idleMs, start) {
  if (Buffer.byteLength(socketPath) >= MAX_SOCKET_PATH) return;
  if (await answers(socketPath)) return;
  (0, import_node_fs32.rmSync)(socketPath, { force: true });
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
  let later = [];
  const flush = async () => {
    await polled();
    if (pending > 0) {
      tail = tail.then(flush);
      return;
    }
    const works = later;
    later = [];
    for (const work of works) {
      try {
        work();
      } catch {
      }
    }
  };
  const queued = (work) => {
    later.push(work);
    if (later.length === 1) tail = tail.then(flush);
  };
  const planRequest = async (req, onSave = false) => {
    const mark = sources.mark();
    const a = await answer(req, startingPoint(recent.get(req.record), req), queued);
    const verbose = onSave && a.work ? `${a.work.weavedNow} woven on save; ${a.work.timings}` : "nothing changed since the last plan";
    if (!onSave || !a.reply.ok) recent.delete(req.record);
    const known = { req, mark, racy: a.racy ?? [], verbose, sources: a.sources, record: a.record, onSave, prepared: a.prepared };
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
    if (a.reply.ok) queued(() => firm(req.record, known));
    return a.reply;
  };
  const startingPoint = (known, req) => {
    if (!known?.prepared || !sameRequest(known.req, req) || !sources.watchedBefore(known.mark, known.sources?.dirs ?? [])) return void 0;
    const changed = sources.changedSince(known.mark);
    return changed && changed.length > 0 ? { prepared: known.prepared, changed, record: known.record } : void 0;
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
        if ((0, import_node_fs32.readFileSync)(key, "utf8") !== known.written) return;
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
      queued(() => firm(key, known));
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
    const started = () => (0, import_node_fs32.rmSync)(starting, { force: true });
    try {
      (0, import_node_fs32.writeFileSync)(starting, "");
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
    if (inodeOf(socketPath) === ino) (0, import_node_fs32.rmSync)(socketPath, { force: true });
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
var isStringArray = (a) => Array.isArray(a) && a.every((x2) => typeof x2 === "string");
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
    const sized = (await planUnitsAsync(first.packages, async () => true)).filter((u) => u.ref.mainModule && woven.has(u.ref.importPath)).map((u) => ({ ...u.ref, files: u.files.map((path) => ({ path, source: (0, import_node_fs32.readFileSync)(path, "utf8") })) })).map((input) => ({ input, size: input.files.reduce((n, f) => n + f.source.length, 0) })).sort((a, b) => a.size - b.size);
    let budget = TRAINING_MAX_SOURCE;
    const inputs = sized.filter((x2) => (budget -= x2.size) >= 0).map((x2) => x2.input);
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
    return (0, import_node_fs32.statSync)(path).ino;
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
  const byArg = new Map(versioned.map((v, i2) => [v.arg, packages[i2]]));
  if (parsed2.subcommand === "install") {
    return runGoWith(runner, "install", ["-C", copy, ...parsed2.rest.map((a) => byArg.get(a) ?? a)], buildEnv);
  }
  const execFlag = parsed2.flags.find((f) => f.name === "exec");
  const buildFlags = parsed2.flags.filter((f) => !["exec", "C", "overlay", "modfile"].includes(f.name)).flatMap((f) => f.raw);
  const programArgs = parsed2.rest.slice(parsed2.rest.indexOf(versioned[0].arg) + 1);
  const tmp = (0, import_node_fs33.mkdtempSync)((0, import_node_path31.join)((0, import_node_os6.tmpdir)(), "go-weave-run-"));
  try {
    const exe = (0, import_node_path31.join)(tmp, programName(versioned[0].path) + (process.platform === "win32" ? ".exe" : ""));
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
    (0, import_node_fs33.rmSync)(tmp, { recursive: true, force: true });
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
  } catch (err2) {
    const located = [];
    if (err2 instanceof GoCommandError) {
      process.stderr.write(err2.output.endsWith("\n") || err2.output === "" ? err2.output : err2.output + "\n");
      if (!err2.output) process.stderr.write(`go-weave: ${err2.message}
`);
      located.push({ message: err2.output.trim() || err2.message });
    } else if (err2 instanceof UsageError) {
      process.stderr.write(err2.message + "\n");
      located.push(err2.located ?? { message: err2.message });
    } else {
      throw err2;
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
    for (const f of pkg.GoFiles ?? []) shown.add((0, import_node_path31.join)(pkg.Dir, f));
  }
  const entries = [...p.outcome.overlay.entries()].filter(([orig]) => shown.has(orig)).sort(([a], [b]) => a < b ? -1 : 1);
  for (const [orig, woven] of entries) {
    const inside = orig.startsWith(p.cwd + import_node_path31.sep);
    const name = inside ? (0, import_node_path31.relative)(p.cwd, orig) : orig;
    const before = (0, import_node_fs33.readFileSync)(p.userOverlay.get(orig) || orig, "utf8");
    const compared = await runner.core.withoutOmittedComments?.(orig, before) ?? before;
    write(unifiedDiff(inside ? `a/${name}` : name, inside ? `b/${name}` : `${name} (woven)`, before, (0, import_node_fs33.readFileSync)(woven, "utf8"), { compared }));
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
        out(`go-weave ${GO_WEAVE_VERSION}
`);
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
