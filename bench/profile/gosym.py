#!/usr/bin/env python3
"""Where a stripped Go binary (Terraform) spends its CPU, from `perf record -g`: names come from the binary's own
.gopclntab (Go 1.20+ layout), which stripping keeps.
   perf record -a -g -F 2000 -o plan.data -- terraform plan
   perf script -i plan.data -F pid,tid,period,ip,dso | bench/profile/gosym.py "$(command -v terraform)" PID
Prints the leaf functions and the inclusive time of every function on the sampled stacks of process PID. Assumes a
non-PIE executable loaded at 0x400000 (Go's default on linux/amd64), whose frames perf reports file-relative."""
import sys, struct, bisect, collections, re
binpath = sys.argv[1]
data = open(binpath, 'rb').read()
# find section .gopclntab via ELF section headers
e_shoff = struct.unpack_from('<Q', data, 0x28)[0]; e_shentsize, e_shnum, e_shstrndx = struct.unpack_from('<HHH', data, 0x3A)
secs = []
for i in range(e_shnum):
    off = e_shoff + i * e_shentsize
    name, typ, flags, addr, offset, size = struct.unpack_from('<IIQQQQ', data, off)
    secs.append((name, addr, offset, size))
strtab_off = secs[e_shstrndx][2]
def secname(n): return data[strtab_off + n: data.index(b'\0', strtab_off + n)].decode()
pcl = next((offset for name, _, offset, _ in secs if secname(name) == '.gopclntab'), None)
if pcl is None:
    pcl = data.index(struct.pack('<I', 0xfffffff1))  # Go 1.20+ pclntab magic
nfunc = struct.unpack_from('<Q', data, pcl + 8)[0]
textStart, funcnameOff, cuOff, filetabOff, pctabOff, pclnOff = struct.unpack_from('<QQQQQQ', data, pcl + 24)
ft = pcl + pclnOff
entries = []; names = []
for i in range(nfunc):
    entryoff, funcoff = struct.unpack_from('<II', data, ft + 8 * i)
    fo = ft + funcoff
    nameoff = struct.unpack_from('<i', data, fo + 4)[0]
    s = pcl + funcnameOff + nameoff
    names.append(data[s:data.index(b'\0', s)].decode(errors='replace'))
    entries.append(textStart + entryoff)
def sym(addr):
    i = bisect.bisect_right(entries, addr) - 1
    return names[i] if i >= 0 else '?'
pid = sys.argv[2]
dso = '/' + binpath.rsplit('/', 1)[-1] + ')'
head = re.compile(r"^\s*(\d+)/(\d+)\s+(\d+)\s*$")
leaf = collections.Counter(); incl = collections.Counter(); total = 0
cur = False; frames = []; p = 0
def flush():
    global total
    if cur and frames:
        total += p
        leaf[frames[0]] += p
        for f in set(frames): incl[f] += p
for line in sys.stdin:
    m = head.match(line)
    if m:
        flush(); frames = []; cur = m.group(1) == pid; p = int(m.group(3)); continue
    if cur and line.strip():
        parts = line.split()
        addr = int(parts[0], 16)
        if line.rstrip().endswith(dso):
            frames.append(sym(addr + 0x400000))
        else:
            frames.append('[k]' if addr >= 0xffff000000000000 else '[other]')
flush()
print(f"total {total/1e6:.0f} ms")
print("== leaf"); [print(f"{v/1e6:7.1f} {k}") for k, v in leaf.most_common(30)]
print("== inclusive"); [print(f"{v/1e6:7.1f} {k}") for k, v in incl.most_common(400)]
