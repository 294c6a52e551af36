/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WASM packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "@napi-rs/canvas", "pdfkit"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
  // Shared reports: never indexed, never leak their token through a Referer header.
  async headers() {
    return [
      {
        source: "/share/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
