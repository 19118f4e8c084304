// Names for this runner's platform in the three vocabularies the action meets:
// Go (GOOS/GOARCH, used by the listing), the tool cache (node's arch names, which the
// preinstalled toolchains on hosted runners use), and cache keys.
export interface Platform {
  goos: string;
  goarch: string;
  toolCacheArch: string;
}

const GOOS: Record<string, string> = { linux: 'linux', darwin: 'darwin', win32: 'windows', freebsd: 'freebsd' };

// input spelling → [GOARCH, tool-cache arch]
const ARCH: Record<string, [string, string]> = {
  x64: ['amd64', 'x64'],
  amd64: ['amd64', 'x64'],
  x86: ['386', 'x86'],
  ia32: ['386', 'x86'],
  '386': ['386', 'x86'],
  arm64: ['arm64', 'arm64'],
  aarch64: ['arm64', 'arm64'],
  arm: ['armv6l', 'arm'],
  armv6l: ['armv6l', 'arm'],
  ppc64le: ['ppc64le', 'ppc64le'],
  ppc64: ['ppc64le', 'ppc64le'],
  s390x: ['s390x', 's390x'],
  riscv64: ['riscv64', 'riscv64'],
  loong64: ['loong64', 'loong64'],
};

export function detectPlatform(architecture: string): Platform {
  const goos = GOOS[process.platform];
  if (!goos) throw new Error(`unsupported runner OS ${process.platform}`);
  const wanted = (architecture || process.arch).toLowerCase();
  const arch = ARCH[wanted];
  if (!arch) {
    throw new Error(`architecture "${architecture}" is not supported: expected one of ${Object.keys(ARCH).join(', ')}`);
  }
  return { goos, goarch: arch[0], toolCacheArch: arch[1] };
}
