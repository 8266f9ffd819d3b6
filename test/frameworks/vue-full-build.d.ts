// Vue's full build (runtime and template compiler) has the same API as `vue`, but no declarations
// of its own under this path; the template test imports it deliberately.
declare module 'vue/dist/vue.esm-browser.js' {
  export * from 'vue';
}
