import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { fileURLToPath, URL } from 'node:url'

// The build is committed (web/dist is embedded in the Go binary) and CI
// rebuilds and diffs it, so nothing here may depend on time or machine.
export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    // Element Plus per component: only what the templates use is bundled.
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: 'src/components.d.ts',
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // No '-' or '_' inside hashes: the server tells hashed (immutable) files
        // by the part after the last '-'.
        hashCharacters: 'base36',
        // Element Plus chunks would all be called "css" (after style/css.mjs);
        // name them after the component instead, to keep dist/ readable.
        chunkFileNames(chunk) {
          if (chunk.name === 'css' || chunk.name === 'index') {
            const ids = chunk.moduleIds ?? []
            for (const id of ids) {
              const m = /element-plus\/es\/components\/([^/]+)\//.exec(id)
              if (m) return `assets/ep-${m[1]}-[hash].js`
            }
          }
          return 'assets/[name]-[hash].js'
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
