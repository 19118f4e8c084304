// The action's inputs with the defaults from action.yml applied here as well: the runner
// fills in defaults, but a process started any other way sees empty values.
import * as core from '@actions/core';
import * as path from 'node:path';

export interface Inputs {
  goVersion: string;
  goVersionFile: string;
  checkLatest: boolean;
  architecture: string;
  baseUrl: string;
  gotoolchain: string;
  weave: boolean;
  config: string;
  workingDirectory: string;
  cache: boolean;
  cacheDependencyPath: string[];
  cacheSave: boolean;
  cacheKeySuffix: string;
}

function bool(name: string, dflt: boolean): boolean {
  const raw = core.getInput(name);
  if (raw === '') return dflt;
  if (/^true$/i.test(raw)) return true;
  if (/^false$/i.test(raw)) return false;
  throw new Error(`input ${name}: expected true or false, got "${raw}"`);
}

export function readInputs(): Inputs {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const wd = path.resolve(workspace, core.getInput('working-directory') || '.');
  const suffix = core.getInput('cache-key-suffix');
  if (/[,\s]/.test(suffix)) throw new Error(`input cache-key-suffix: must not contain commas or whitespace, got "${suffix}"`);
  const gotoolchain = core.getInput('gotoolchain') || 'local';
  return {
    goVersion: core.getInput('go-version'),
    goVersionFile: core.getInput('go-version-file'),
    checkLatest: bool('check-latest', false),
    architecture: core.getInput('architecture'),
    // The input wins over the environment, as in setup-go.
    baseUrl: core.getInput('go-download-base-url') || process.env.GO_DOWNLOAD_BASE_URL || 'https://go.dev/dl',
    gotoolchain,
    weave: bool('weave', true),
    config: core.getInput('config'),
    workingDirectory: wd,
    cache: bool('cache', true),
    cacheDependencyPath: core.getMultilineInput('cache-dependency-path').filter((l) => l.trim() !== ''),
    cacheSave: bool('cache-save', true),
    cacheKeySuffix: suffix,
  };
}
