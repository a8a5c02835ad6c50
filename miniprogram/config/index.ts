import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import path from 'node:path';

// Written by hand (taro init fetches templates from the internet). One design width, 375, for our
// styles and NutUI's alike; weapp and H5 builds go to their own folders (TOOLCHAIN).
export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'minqing-yimatong',
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      // Where the weapp build calls the server; H5 is served by the server itself and uses its origin.
      API_BASE: JSON.stringify(process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000')),
      DEFAULT_ORG: JSON.stringify(process.env.TARO_APP_DEFAULT_ORG ?? 'cy'),
    },
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    logger: { quiet: true, stats: false },
    mini: {
      postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
    },
  };
  return config;
});
