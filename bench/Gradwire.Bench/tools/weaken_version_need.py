#!/usr/bin/env python3
"""Marks one symbol-version requirement of an ELF shared library as weak (VER_FLG_WEAK), in place.

TorchSharp-cpu 0.107's libLibTorchSharp.so was linked against GCC 13's libstdc++ and so requires the
version GLIBCXX_3.4.32. The only symbol bound to it is the marker std::ios_base_library_init(), which no
relocation uses. On a system with an older libstdc++ (Debian bookworm: GCC 12, up to GLIBCXX_3.4.30) the
loader refuses the library for that one missing version. A *weak* version requirement that is missing
is only a note for the loader, so flagging it weak lets the library load, and nothing ever calls the marker.

usage: weaken_version_need.py LIBRARY [VERSION]   (VERSION defaults to GLIBCXX_3.4.32)
Idempotent; exits 0 when the library does not need VERSION at all.
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def c_string(data, offset):
    end = data.index(b"\0", offset)
    return data[offset:end].decode("ascii")


def weaken(path, version):
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit(f"{path}: not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for i in range(shnum):
        base = shoff + i * shentsize
        sh_type, = struct.unpack_from("<I", data, base + 4)
        sh_offset, sh_size = struct.unpack_from("<QQ", data, base + 0x18)
        sh_link, sh_info = struct.unpack_from("<II", data, base + 0x28)
        sections.append((sh_type, sh_offset, sh_size, sh_link, sh_info))

    changed = found = 0
    for sh_type, offset, _, link, count in sections:
        if sh_type != SHT_GNU_VERNEED:
            continue
        strings = sections[link][1]
        need = offset
        for _ in range(count):  # sh_info = number of Verneed entries
            _, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, need)
            aux = need + vn_aux
            for _ in range(vn_cnt):
                _, flags, _, name, vna_next = struct.unpack_from("<IHHII", data, aux)
                if c_string(data, strings + name) == version:
                    found += 1
                    if not flags & VER_FLG_WEAK:
                        struct.pack_into("<H", data, aux + 4, flags | VER_FLG_WEAK)
                        changed += 1
                    print(f"{path}: {version} (from {c_string(data, strings + vn_file)}) is "
                          f"{'now' if changed else 'already'} weak")
                if vna_next == 0:
                    break
                aux += vna_next
            if vn_next == 0:
                break
            need += vn_next

    if not found:
        print(f"{path}: does not require {version}; nothing to do")
    if changed:
        with open(path, "r+b") as f:
            f.write(data)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    weaken(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else "GLIBCXX_3.4.32")
