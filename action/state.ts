// What main hands to post through GITHUB_STATE, as one JSON value.
import * as core from '@actions/core';
import type { Restored } from './caches.ts';

export interface MainState {
  goName: string;
  goroot: string;
  toolchainSource: string; // "tool cache" or the download URL
  gotoolchain: string;
  weave: boolean;
  report: string; // GOWEAVE_REPORT path, '' when not weaving
  gocache: string;
  caches: Restored[];
  cacheEnabled: boolean;
  cacheSave: boolean;
  jobStartMs: number;
}

const NAME = 'goweave';

export function saveMainState(s: MainState): void {
  core.saveState(NAME, JSON.stringify(s));
}

export function loadMainState(): MainState | null {
  const raw = core.getState(NAME);
  if (!raw) return null;
  return JSON.parse(raw) as MainState;
}
