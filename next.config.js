/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded by Node at run time, never bundled: wasm, native-ish drivers and the DB (gotcha 13).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    "@prisma/schema-engine-wasm",
    "bcryptjs",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
