#!/usr/bin/env python3
"""Where the provider's CPU goes, from `perf script` output (perf record -g), by category and by thread.
   perf script -i perf.data -F comm,pid,tid,time,period,ip,sym | bench/profile/categorize.py [comm=terraform-provi]
Counts every thread of every process whose main thread has that name (.NET names its other threads), so a perf
record of a whole `terraform validate` works. A sample's category is the first rule (in order) that matches any
frame of its call chain; otherwise its leaf function."""
import collections, re, sys

comm_filter = sys.argv[1] if len(sys.argv) > 1 else "terraform-provi"
RULES = [
    ("exec + kernel process set-up", r"load_elf_binary|setup_arg_pages|__x64_sys_execve"),
    ("runtime: rehydrate dehydrated data", r"RehydrateData"),
    ("dynamic loader (ld.so: relocations, symbol binding, dlopen)", r"^_dl_|dl_open_worker|do_lookup_x|_dl_relocate"),
    ("trust store (system certificates)", r"OpenSslCachedSystemStoreProvider|CachedSystemStoreProvider|X509_STORE|PEM_read|X509StackAddDirectoryStore|X509StackAddMultiple|LoadMachineStores|ProcessFile"),
    ("certificate: key + self-signed certificate", r"CreateServerCertificate|CertificateRequest|EC_KEY_generate|EcKeyCreateByKeyParameters|ECDsaOpenSsl"),
    ("TLS context / handshake", r"SslStreamCertificateContext|SslStream|SSL_do_handshake|SSL_CTX|MutualTlsMiddleware"),
    ("OpenSSL init (libssl/libcrypto load, config)", r"OPENSSL_init|CryptoNative_Ensure|CONF_modules|OPENSSL_config|ossl_|EnsureOpenSslInitialized"),
    ("gRPC endpoints (MapGrpcService, binder, routing)", r"MapGrpcService|Grpc_AspNetCore|ServiceRouteBuilder|EndpointDataSource|Microsoft_AspNetCore_Routing|UseEndpoints|UseRouting"),
    ("DI container (ServiceCollection, ServiceProvider)", r"Microsoft_Extensions_DependencyInjection"),
    ("Kestrel (server, transport, HTTP/2)", r"Microsoft_AspNetCore_Server_Kestrel"),
    ("provider registration (schemas, services)", r"PodIdentity_Provider|PodIdentity_Plugin_Framework|PodIdentity_Plugin_Values|PodIdentity_Plugin_Protocol"),
    ("static constructors / class init", r"InitializeStatics|__GetNonGCStaticBase|ClassConstructorRunner|EnsureClassConstructorRun"),
    ("GC (allocation, heap init)", r"WKS::|SVR::|GCHeap|gc_heap|RhpNewFast|RhpNew|RhpGcAlloc"),
    ("page faults (elsewhere)", r"exc_page_fault|asm_exc_page_fault"),
]
compiled = [(name, re.compile(rx)) for name, rx in RULES]

def flush(sample, by_cat, by_thread, totals):
    if not sample:
        return
    comm, pid, tid, period, frames = sample
    if comm.startswith(comm_filter):
        pids.add(pid)
    if pid not in pids:
        return
    category = None
    for name, rx in compiled:
        if any(rx.search(f) for f in frames):
            category = name
            break
    if category is None:
        leaf = frames[0] if frames else "?"
        category = "other: " + ("kernel" if leaf.startswith("[k]") else leaf[:60])
    by_cat[category] += period
    by_thread[tid][category] += period
    totals[tid] += period

pids = set()
by_cat = collections.Counter()
by_thread = collections.defaultdict(collections.Counter)
totals = collections.Counter()
sample = None
head = re.compile(r"^(\S.*?)\s+(\d+)/(\d+)\s+[\d.]+:\s+(\d+)\s*$")
for line in sys.stdin:
    if not line.strip():
        flush(sample, by_cat, by_thread, totals)
        sample = None
        continue
    m = head.match(line)
    if m:
        flush(sample, by_cat, by_thread, totals)
        sample = (m.group(1).strip(), m.group(2), m.group(3), int(m.group(4)), [])
    elif sample is not None:
        parts = line.strip().split(None, 1)
        sym = parts[1] if len(parts) > 1 else "?"
        if parts[0].startswith("ffffffff"):
            sym = "[k]" + sym
        sample[4].append(sym)
flush(sample, by_cat, by_thread, totals)

total = sum(totals.values())
print(f"CPU in {comm_filter}*: {total / 1e6:.1f} ms over {len(pids)} processes, {len(totals)} threads")
for cat, ns in by_cat.most_common(25):
    print(f"  {ns / 1e6:7.1f} ms  {100 * ns / total:5.1f}%  {cat}")
print("by thread:")
for tid, ns in totals.most_common(8):
    top = ", ".join(f"{c[:40]} {v / 1e6:.1f}" for c, v in by_thread[tid].most_common(3))
    print(f"  tid {tid}: {ns / 1e6:.1f} ms ({top})")
