import { nextConfigHeaders } from "./lib/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests and helpers may build into another folder so that two builds never share one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // Every page's <title> is sent in the <head>, never streamed in after the content: a screen reader
  // announces the page by its title as it loads, and axe (rightly) reports a page without one. The
  // cost is that a page waits for its generateMetadata, which reads what the page reads anyway.
  htmlLimitedBots: /.*/,
  // Security headers on every response, static files included (docs/decisions/006); proxy.ts adds
  // each page's Content-Security-Policy with its nonce.
  async headers() {
    return nextConfigHeaders();
  },
};

export default nextConfig;
