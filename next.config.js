/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests and helpers may build into another folder so that two builds never share one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
