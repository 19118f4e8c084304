import { statfsSync } from 'node:fs';

/**
 * How long after a file's last write its mtime and size can vouch for its content. Until then a
 * second write could leave both as they were: the kernel dates writes by a clock that moves
 * once per tick (1 to 10 ms), and some file systems keep whole or even seconds.
 *
 * A file whose mtime has a fraction of a second lives on a file system that keeps fine times;
 * when that file system is a local one of Linux, its times come from this machine's clock, so a
 * write after `mtime + FINE_NS` is dated later. Anything else (whole seconds, network and FUSE
 * file systems dated by another machine's clock, other systems) waits COARSE_NS.
 */
export function racyWindowNs(path: string, mtimeNs: bigint): bigint {
  if (process.platform !== 'linux' || mtimeNs % 1_000_000_000n === 0n) return COARSE_NS;
  try {
    return LOCAL_LINUX_FS.has(Number(statfsSync(path).type)) ? FINE_NS : COARSE_NS;
  } catch {
    return COARSE_NS;
  }
}

/** Several ticks of the slowest kernel clock (HZ=100). */
const FINE_NS = 50_000_000n;
/** Covers file systems that keep mtimes in whole or even seconds. */
const COARSE_NS = 2_000_000_000n;

/** statfs f_type of Linux file systems on local storage (or memory) that keep fine times. */
const LOCAL_LINUX_FS = new Set([
  0xef53, // ext2, ext3, ext4 (whole seconds on small inodes: caught by the fraction test)
  0x58465342, // xfs
  0x9123683e, // btrfs
  0x01021994, // tmpfs
  0x858458f6, // ramfs
  0x794c7630, // overlayfs (containers): times of the local upper file system
  0x2fc12fc1, // zfs
  0xf2f52010, // f2fs
  0xca451a4e, // bcachefs
]);
