// The image catalogue: what the simulated registry holds and how each image behaves when run.
// Data, not logic: `program.ts` turns an entry plus the container's command/args/env into a
// timeline. Sizes are the compressed sizes the kubelet reports in `Pulled` events.

import { ALPINE_TAGS, BUSYBOX_TAGS, DEBIAN_TAGS, HTTPD_TAGS, MYSQL_TAGS, NGINX_TAGS, NODE_TAGS, PERL_TAGS, POSTGRES_TAGS, PYTHON_TAGS, REDIS_TAGS, UBUNTU_TAGS } from "./image-tags.ts";

export type Behaviour =
  | "nginx" // serves the nginx welcome page on 80, 404 elsewhere
  | "httpd" // "It works!" on 80
  | "http" // generic web server on `ports`, pages from `pages`
  | "shell" // busybox/alpine/ubuntu: runs its command through the shell interpreter
  | "mysql"
  | "postgres"
  | "mongo"
  | "redis"
  | "perl"
  | "pause"
  | "stress"
  | "daemon"; // a long-running server without HTTP (control-plane components, exporters)

export interface ImageInfo {
  /** Known tags; "*" accepts any tag (private registries we pretend exist). */
  tags: string[];
  size: number;
  behaviour: Behaviour;
  /** ENTRYPOINT and CMD of the image config. */
  entrypoint?: string[];
  cmd?: string[];
  ports?: number[];
  /** Path -> body for `http` images (status 200); other paths 404 unless `catchAll`. */
  pages?: Record<string, string>;
  catchAll?: boolean;
  /** Idle usage for `kubectl top`. */
  cpuMilli: number;
  memoryMi: number;
  /** Startup log lines (may contain {date} placeholders rendered at start time). */
  startLog?: string[];
  /** CPU one HTTP request costs the server, in ms of one core (load generators, usage.ts); default 0.2. */
  cpuPerRequestMs?: number;
  /** Files of the image's filesystem that learners read or that the process serves (web roots, configs). */
  files?: Record<string, string>;
}


export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const NGINX_404 = `<html>
<head><title>404 Not Found</title></head>
<body>
<center><h1>404 Not Found</h1></center>
<hr><center>nginx/1.27.3</center>
</body>
</html>
`;

export const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/** /etc/nginx/conf.d/default.conf of the official image, after 10-listen-on-ipv6-by-default.sh added the IPv6 listen. */
export const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}

`;

export const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const NGINX_FILES: Record<string, string> = {
  "/usr/share/nginx/html/index.html": NGINX_WELCOME,
  "/usr/share/nginx/html/50x.html": NGINX_50X,
  "/etc/nginx/conf.d/default.conf": NGINX_DEFAULT_CONF,
  "/etc/nginx/nginx.conf": NGINX_CONF,
};

/** /etc/passwd of the official busybox image (buildroot's skeleton). */
export const BUSYBOX_PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

export const HTTPD_INDEX = "<html><body><h1>It works!</h1></body></html>\n";
const HTTPD_FILES: Record<string, string> = { "/usr/local/apache2/htdocs/index.html": HTTPD_INDEX };

const NGINX_START_LOG = [
  "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
  "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
  "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
  "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
  "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
  "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
  "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
  "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
  "/docker-entrypoint.sh: Configuration complete; ready for start up",
  "{nginxdate} [notice] 1#1: using the \"epoll\" event method",
  "{nginxdate} [notice] 1#1: nginx/1.27.3",
  "{nginxdate} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ",
  "{nginxdate} [notice] 1#1: OS: Linux 5.15.0-127-generic",
  "{nginxdate} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576",
  "{nginxdate} [notice] 1#1: start worker processes",
  "{nginxdate} [notice] 1#1: start worker process 29",
  "{nginxdate} [notice] 1#1: start worker process 30",
];

/** The nginx release an official image tag ships. */
export function nginxVersion(tag: string): string {
  const t = tag.replace(/-(alpine|alpine-slim|perl|alpine-perl|bookworm|bullseye)$/, "");
  const exact = /^1\.\d+\.\d+$/.exec(t);
  if (exact) return t;
  const by: Record<string, string> = {
    latest: "1.27.3", mainline: "1.27.3", alpine: "1.27.3", "alpine-slim": "1.27.3", stable: "1.26.2",
    "1.27": "1.27.3", "1.26": "1.26.2", "1.25": "1.25.5", "1.24": "1.24.0", "1.23": "1.23.4", "1.22": "1.22.1", "1.21": "1.21.6",
    "1.20": "1.20.2", "1.19": "1.19.10", "1.18": "1.18.0", "1.17": "1.17.10", "1.16": "1.16.1", "1.15": "1.15.12", "1.14": "1.14.2",
    "1.13": "1.13.12", "1.12": "1.12.2", "1.11": "1.11.13", "1.10": "1.10.3", "1.9": "1.9.15",
  };
  return by[t] ?? "1.27.3";
}

/** `nginx -V`'s compiler line of the image's build (Debian or Alpine base of that release). */
function nginxBuiltBy(tag: string, v: string): string {
  const [, minor, patch] = v.split(".").map(Number);
  if (/alpine/.test(tag)) {
    if (minor >= 26 || (minor === 25 && patch >= 5)) return "built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ";
    if (minor === 25) return "built by gcc 12.2.1 20220924 (Alpine 12.2.1_git20220924-r10) ";
    return "built by gcc 12.2.1 20220924 (Alpine 12.2.1_git20220924-r4) ";
  }
  if (minor >= 25) return "built by gcc 12.2.0 (Debian 12.2.0-14) ";
  if (minor >= 21) return "built by gcc 10.2.1 20210110 (Debian 10.2.1-6) ";
  if (minor >= 17) return "built by gcc 8.3.0 (Debian 8.3.0-6) ";
  return "built by gcc 6.3.0 20170516 (Debian 6.3.0-18+deb9u1) ";
}

/** What `kubectl logs` shows when an official nginx image starts (entrypoint scripts of that release, then nginx's notices). */
export function nginxStartLog(tag: string): string[] {
  const v = nginxVersion(tag);
  const [, minor, patch] = v.split(".").map(Number);
  // Before 1.19 the image had no entrypoint script, and nginx.conf logged from `warn` up.
  if (minor < 19) return [];
  return NGINX_START_LOG.filter((l) => (minor > 25 || (minor === 25 && patch >= 1) || !l.includes("15-local-resolvers")) && (minor >= 21 || !l.includes("30-tune-worker"))).map((l) =>
    l.includes("[notice] 1#1: nginx/") ? `{nginxdate} [notice] 1#1: nginx/${v}` : l.includes("built by gcc") ? `{nginxdate} [notice] 1#1: ${nginxBuiltBy(tag, v)}` : l,
  );
}

const sys = (cpu: number, mem: number): Pick<ImageInfo, "tags" | "behaviour" | "cpuMilli" | "memoryMi"> => ({ tags: ["*"], behaviour: "daemon", cpuMilli: cpu, memoryMi: mem });

// kube-proxy's klog start-up lines (1.32, iptables mode), as `kubectl logs -n kube-system kube-proxy-x` shows them.
const KUBE_PROXY_START_LOG = [
  'I1121 21:00:05.132417       1 server_linux.go:66] "Using iptables proxy"',
  'I1121 21:00:05.245318       1 server.go:698] "Successfully retrieved node IP(s)" IPs=["{hostIP}"]',
  'I1121 21:00:05.246105       1 conntrack.go:60] "Setting nf_conntrack_max" nfConntrackMax=131072',
  'I1121 21:00:05.246522       1 conntrack.go:121] "Set sysctl" entry="net/netfilter/nf_conntrack_tcp_timeout_established" value=86400',
  'I1121 21:00:05.281744       1 server.go:243] "kube-proxy running in dual-stack mode" primary ipFamily="IPv4"',
  'I1121 21:00:05.281797       1 server_linux.go:170] "Using iptables Proxier"',
  'I1121 21:00:05.283920       1 proxier.go:255] "Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses" ipFamily="IPv4"',
  'I1121 21:00:05.284107       1 server.go:497] "Version info" version="v1.32.0"',
  'I1121 21:00:05.284133       1 server.go:499] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""',
  'I1121 21:00:05.285644       1 config.go:199] "Starting service config controller"',
  'I1121 21:00:05.285668       1 shared_informer.go:313] Waiting for caches to sync for service config',
  'I1121 21:00:05.285700       1 config.go:105] "Starting endpoint slice config controller"',
  'I1121 21:00:05.285709       1 shared_informer.go:313] Waiting for caches to sync for endpoint slice config',
  'I1121 21:00:05.386503       1 shared_informer.go:320] Caches are synced for endpoint slice config',
  'I1121 21:00:05.386512       1 shared_informer.go:320] Caches are synced for service config',
];

/** Keyed by repository with registry, e.g. `docker.io/library/nginx`. */
export const IMAGES: Record<string, ImageInfo> = {
  "docker.io/library/nginx": { tags: NGINX_TAGS, size: 72195292, behaviour: "nginx", entrypoint: ["/docker-entrypoint.sh"], cmd: ["nginx", "-g", "daemon off;"], ports: [80], cpuMilli: 0, memoryMi: 3, startLog: NGINX_START_LOG, files: NGINX_FILES },
  "docker.io/library/httpd": { tags: HTTPD_TAGS, size: 58216582, behaviour: "httpd", cmd: ["httpd-foreground"], ports: [80], pages: { "/": HTTPD_INDEX }, cpuMilli: 1, memoryMi: 6, files: HTTPD_FILES },
  "docker.io/library/busybox": { tags: BUSYBOX_TAGS, size: 2167089, behaviour: "shell", cmd: ["sh"], cpuMilli: 0, memoryMi: 0, files: { "/etc/passwd": BUSYBOX_PASSWD } },
  "registry.k8s.io/busybox": { tags: ["latest", "1.27.2", "1.24"], size: 1144547, behaviour: "shell", cmd: ["sh"], cpuMilli: 0, memoryMi: 0 },
  "k8s.gcr.io/busybox": { tags: ["latest", "1.27.2", "1.24"], size: 1144547, behaviour: "shell", cmd: ["sh"], cpuMilli: 0, memoryMi: 0 },
  "gcr.io/google-containers/busybox": { tags: ["latest", "1.27.2", "1.24"], size: 1144547, behaviour: "shell", cmd: ["sh"], cpuMilli: 0, memoryMi: 0 },
  "docker.io/library/alpine": { tags: ALPINE_TAGS, size: 3653068, behaviour: "shell", cmd: ["/bin/sh"], cpuMilli: 0, memoryMi: 0 },
  "docker.io/library/ubuntu": { tags: UBUNTU_TAGS, size: 29754290, behaviour: "shell", cmd: ["/bin/bash"], cpuMilli: 0, memoryMi: 1 },
  "docker.io/library/debian": { tags: DEBIAN_TAGS, size: 48494510, behaviour: "shell", cmd: ["bash"], cpuMilli: 0, memoryMi: 1 },
  "docker.io/library/centos": { tags: ["latest", "7", "8"], size: 75181999, behaviour: "shell", cmd: ["/bin/bash"], cpuMilli: 0, memoryMi: 1 },
  "docker.io/curlimages/curl": { tags: ["latest", "8.11.0", "8.10.1"], size: 11895281, behaviour: "shell", entrypoint: ["/entrypoint.sh"], cmd: ["curl"], cpuMilli: 0, memoryMi: 1 },
  "docker.io/library/redis": { tags: REDIS_TAGS, size: 45007456, behaviour: "redis", cmd: ["redis-server"], ports: [6379], cpuMilli: 2, memoryMi: 3 },
  "docker.io/library/mysql": { tags: MYSQL_TAGS, size: 170969806, behaviour: "mysql", entrypoint: ["docker-entrypoint.sh"], cmd: ["mysqld"], ports: [3306, 33060], cpuMilli: 6, memoryMi: 380 },
  "docker.io/library/mariadb": { tags: ["latest", "11", "10", "10.11", "11.4"], size: 117409004, behaviour: "mysql", cmd: ["mariadbd"], ports: [3306], cpuMilli: 2, memoryMi: 90 },
  "docker.io/library/postgres": { tags: POSTGRES_TAGS, size: 158295488, behaviour: "postgres", entrypoint: ["docker-entrypoint.sh"], cmd: ["postgres"], ports: [5432], cpuMilli: 2, memoryMi: 30 },
  "docker.io/library/mongo": { tags: ["latest", "8", "7", "6", "5", "4.4"], size: 291584190, behaviour: "mongo", cmd: ["mongod"], ports: [27017], cpuMilli: 8, memoryMi: 75 },
  "docker.io/library/node": { tags: NODE_TAGS, size: 398291475, behaviour: "shell", cmd: ["node"], cpuMilli: 0, memoryMi: 8 },
  "docker.io/library/python": { tags: PYTHON_TAGS, size: 392741621, behaviour: "shell", cmd: ["python3"], cpuMilli: 0, memoryMi: 9 },
  "docker.io/library/perl": { tags: PERL_TAGS, size: 338913658, behaviour: "perl", cmd: ["perl", "-de0"], cpuMilli: 0, memoryMi: 3 },
  "docker.io/library/wordpress": { tags: ["latest", "6", "6-php8.0", "6-php8.2", "6-apache", "php8.2-apache"], size: 253745113, behaviour: "http", entrypoint: ["docker-entrypoint.sh"], cmd: ["apache2-foreground"], ports: [80], pages: { "/": "" }, catchAll: true, cpuMilli: 1, memoryMi: 28 },
  "docker.io/library/tomcat": { tags: ["latest", "10", "9", "11"], size: 191838012, behaviour: "http", cmd: ["catalina.sh", "run"], ports: [8080], pages: {}, cpuMilli: 3, memoryMi: 110 },
  "docker.io/library/traefik": { tags: ["latest", "v3", "v2.11"], size: 51006718, behaviour: "http", ports: [80, 8080], pages: { "/": "404 page not found\n" }, cpuMilli: 1, memoryMi: 25 },
  "docker.io/wardviaene/k8s-demo": { tags: ["latest"], size: 261389012, behaviour: "http", cmd: ["npm", "start"], ports: [3000], pages: { "/": "Hello World!" }, cpuMilli: 0, memoryMi: 22 },
  "docker.io/jonbaier/node-express-info": { tags: ["latest"], size: 259134112, behaviour: "http", cmd: ["node", "index.js"], ports: [80], pages: { "/": "<html><head><title>Node.js Demo</title></head><body><h1>Node.js Demo</h1></body></html>\n", "/status/": "OK\n", "/status": "OK\n" }, cpuMilli: 0, memoryMi: 20 },
  "docker.io/jonbaier/pod-scaling": { tags: ["latest", "0.1", "0.2"], size: 258932110, behaviour: "http", ports: [80], pages: { "/": "Pod scaling demo\n" }, cpuMilli: 0, memoryMi: 18 },
  "docker.io/jonbaier/httpwhalesay": { tags: ["latest", "0.1", "0.2"], size: 246234889, behaviour: "http", ports: [80], pages: { "/": "<pre>whalesay</pre>\n" }, cpuMilli: 0, memoryMi: 18 },
  "docker.io/dbgurum/k8s-lab": { tags: ["initial", "v1.0", "v2.0", "latest", "blue", "green", "red"], size: 142304855, behaviour: "http", ports: [8080], pages: { "/": "Hello Kubernetes!\n" }, catchAll: true, cpuMilli: 0, memoryMi: 12 },
  "docker.io/bitnami/apache": { tags: ["latest", "2.4", "2.4.62"], size: 109418422, behaviour: "http", ports: [8080, 8443], pages: { "/": "<html><body><h1>It works!</h1></body></html>\n" }, cpuMilli: 1, memoryMi: 14 },
  "docker.io/prom/node-exporter": { tags: ["latest", "v1.8.2", "v1.8.1"], size: 11618290, behaviour: "http", ports: [9100], pages: { "/": "<html><head><title>Node Exporter</title></head><body><h1>Node Exporter</h1></body></html>\n", "/metrics": "# HELP node_load1 1m load average.\n# TYPE node_load1 gauge\nnode_load1 0.12\n" }, cpuMilli: 2, memoryMi: 12 },
  "docker.io/portainer/portainer-ce": { tags: ["latest", "2.19.4", "2.21.4", "lts"], size: 91210238, behaviour: "http", ports: [9000, 9443, 8000], pages: { "/": "<!doctype html><html><head><title>Portainer</title></head><body></body></html>\n" }, catchAll: true, cpuMilli: 1, memoryMi: 26 },
  "docker.io/polinux/stress": { tags: ["latest", "1.0.4"], size: 4041495, behaviour: "stress", cmd: ["stress"], cpuMilli: 0, memoryMi: 1 },
  "docker.io/progrium/stress": { tags: ["latest"], size: 110283232, behaviour: "stress", entrypoint: ["/usr/bin/stress", "--verbose"], cpuMilli: 0, memoryMi: 1 },
  "docker.io/containous/whoami": { tags: ["latest"], size: 3364128, behaviour: "http", ports: [80], pages: { "/": "Hostname: {hostname}\nIP: 127.0.0.1\nIP: {podIP}\n" }, catchAll: true, cpuMilli: 0, memoryMi: 2 },
  "docker.io/traefik/whoami": { tags: ["latest", "v1.10"], size: 3364128, behaviour: "http", ports: [80], pages: { "/": "Hostname: {hostname}\nIP: 127.0.0.1\nIP: {podIP}\n" }, catchAll: true, cpuMilli: 0, memoryMi: 2 },
  "docker.io/hashicorp/http-echo": { tags: ["latest", "1.0"], size: 3340144, behaviour: "http", ports: [5678], pages: { "/": "hello-world\n" }, catchAll: true, cpuMilli: 0, memoryMi: 2 },
  "registry.k8s.io/pause": { tags: ["3.10", "3.9", "3.8", "3.7", "3.6", "3.5", "3.1", "latest"], size: 320368, behaviour: "pause", cpuMilli: 0, memoryMi: 0 },
  "registry.k8s.io/hpa-example": { tags: ["latest"], size: 178989011, behaviour: "http", ports: [80], pages: { "/": "OK!" }, catchAll: true, cpuMilli: 1, memoryMi: 9, cpuPerRequestMs: 10 },
  "gcr.io/google_containers/hpa-example": { tags: ["latest"], size: 178989011, behaviour: "http", ports: [80], pages: { "/": "OK!" }, catchAll: true, cpuMilli: 1, memoryMi: 9, cpuPerRequestMs: 10 },
  "k8s.gcr.io/hpa-example": { tags: ["latest"], size: 178989011, behaviour: "http", ports: [80], pages: { "/": "OK!" }, catchAll: true, cpuMilli: 1, memoryMi: 9, cpuPerRequestMs: 10 },
  "registry.k8s.io/echoserver": { tags: ["1.10", "1.4", "2.5"], size: 46232164, behaviour: "http", ports: [8080], pages: { "/": "\n\nHostname: {hostname}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n" }, catchAll: true, cpuMilli: 0, memoryMi: 3 },
  "k8s.gcr.io/echoserver": { tags: ["1.10", "1.4", "2.5"], size: 46232164, behaviour: "http", ports: [8080], pages: { "/": "\n\nHostname: {hostname}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n" }, catchAll: true, cpuMilli: 0, memoryMi: 3 },
  "registry.k8s.io/e2e-test-images/agnhost": { tags: ["2.52", "2.53", "2.47", "2.40", "2.39"], size: 52193034, behaviour: "http", entrypoint: ["/agnhost"], ports: [8080], pages: { "/": "NOW: {date}", "/hostname": "{hostname}", "/healthz": "ok" }, cpuMilli: 0, memoryMi: 6 },
  "gcr.io/google-samples/hello-app": { tags: ["1.0", "2.0"], size: 11225136, behaviour: "http", ports: [8080], pages: { "/": "Hello, world!\nVersion: 1.0.0\nHostname: {hostname}\n" }, catchAll: true, cpuMilli: 0, memoryMi: 2 },
  "us-docker.pkg.dev/google-samples/containers/gke/hello-app": { tags: ["1.0", "2.0"], size: 11225136, behaviour: "http", ports: [8080], pages: { "/": "Hello, world!\nVersion: 1.0.0\nHostname: {hostname}\n" }, catchAll: true, cpuMilli: 0, memoryMi: 2 },
  // Control-plane and add-on images (bootstrap topology).
  "registry.k8s.io/etcd": { ...sys(20, 40), size: 57680541, ports: [2379, 2380] },
  "registry.k8s.io/kube-apiserver": { ...sys(40, 230), size: 28914224, ports: [6443] },
  "registry.k8s.io/kube-controller-manager": { ...sys(15, 50), size: 26266234, ports: [10257] },
  "registry.k8s.io/kube-scheduler": { ...sys(3, 20), size: 20111224, ports: [10259] },
  "docker.io/kubernetesui/dashboard": { tags: ["v2.0.0", "v2.4.0", "v2.5.1", "v2.6.1", "v2.7.0"], size: 74620349, behaviour: "daemon", ports: [8443, 9090], cpuMilli: 1, memoryMi: 12 },
  "docker.io/kubernetesui/metrics-scraper": { tags: ["v1.0.7", "v1.0.8"], size: 19746404, behaviour: "daemon", ports: [8000], cpuMilli: 1, memoryMi: 6 },
  "registry.k8s.io/kube-proxy": { ...sys(1, 15), size: 30757123, ports: [10249, 10256], startLog: KUBE_PROXY_START_LOG },
  "registry.k8s.io/coredns/coredns": { ...sys(2, 13), size: 18562039, ports: [53, 8080, 8181, 9153] },
  "registry.k8s.io/metrics-server/metrics-server": { ...sys(3, 16), size: 19494617, ports: [10250] },
  "docker.io/calico/node": { ...sys(25, 95), size: 142530143, ports: [9099] },
  "docker.io/calico/kube-controllers": { ...sys(2, 14), size: 35125021 },
  "registry.k8s.io/ingress-nginx/controller": { ...sys(2, 40), size: 106113103, behaviour: "http", ports: [80, 443, 10254], pages: { "/healthz": "ok" } },
};

export interface ImageRef {
  /** As written in the pod spec. */
  raw: string;
  /** `docker.io/library/nginx` */
  repo: string;
  tag: string;
  digest?: string;
  /** `docker.io/library/nginx:latest` (what containerd reports as the image). */
  full: string;
  valid: boolean;
}

/** Parse like the docker reference normaliser: default registry docker.io, `library/`, tag `latest`. */
export function parseImage(raw: string): ImageRef {
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = "";
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split("/");
  let repo: string;
  if (parts.length > 1 && (parts[0].includes(".") || parts[0].includes(":") || parts[0] === "localhost")) repo = rest;
  else if (parts.length === 1) repo = `docker.io/library/${rest}`;
  else repo = `docker.io/${rest}`;
  const valid = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(rest.replace(/^[^/]*[.:][^/]*\//, "")) && rest.length > 0 && (!tag || /^[\w][\w.-]{0,127}$/.test(tag));
  if (!tag && !digest) tag = "latest";
  return { raw, repo, tag, digest, full: digest ? `${repo}@${digest}` : `${repo}:${tag}`, valid };
}

export function lookupImage(ref: ImageRef): ImageInfo | undefined {
  return IMAGES[ref.repo];
}

/** Whether the registry has this reference, and containerd's error text when it does not. */
export function pullError(ref: ImageRef): string | undefined {
  const info = lookupImage(ref);
  const name = ref.full;
  if (!info) {
    if (ref.repo.startsWith("docker.io/")) {
      return `rpc error: code = Unknown desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    }
    const host = ref.repo.split("/")[0];
    if (!/^(registry\.k8s\.io|k8s\.gcr\.io|gcr\.io|ghcr\.io|quay\.io|us-docker\.pkg\.dev|mcr\.microsoft\.com|public\.ecr\.aws)$/.test(host)) {
      return `rpc error: code = Unknown desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": failed to do request: Head "https://${host}/v2/${ref.repo.slice(host.length + 1)}/manifests/${ref.tag || ref.digest}": dial tcp: lookup ${host}: no such host`;
    }
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`;
  }
  if (ref.digest) return undefined;
  if (info.tags.includes("*") || info.tags.includes(ref.tag)) return undefined;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`;
}

/** Deterministic fake content digest of an image reference. */
export function imageDigest(ref: ImageRef): string {
  if (ref.digest) return ref.digest;
  let out = "";
  let h = 2166136261;
  const s = ref.full;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    h = Math.imul(h ^ round, 2246822519) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return `sha256:${out.slice(0, 64)}`;
}

/** `docker.io/library/nginx@sha256:...` as containerStatuses[].imageID. */
export function imageID(ref: ImageRef): string {
  return `${ref.repo}@${imageDigest(ref)}`;
}

export function imageSize(ref: ImageRef): number {
  const info = lookupImage(ref);
  if (!info) return 0;
  // Variants differ in size; alpine images are much smaller.
  if (/alpine/.test(ref.tag)) return Math.round(info.size * 0.29);
  return info.size;
}

/** The default pull policy the API server sets: Always for :latest or no tag, else IfNotPresent. */
export function effectivePullPolicy(ctr: any): string {
  if (ctr.imagePullPolicy) return ctr.imagePullPolicy;
  const ref = parseImage(ctr.image ?? "");
  return !ref.digest && ref.tag === "latest" ? "Always" : "IfNotPresent";
}
