import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

mount(App, { target: document.getElementById('app')! });

// Offline after the first visit (see serviceWorker.ts). Not in development:
// a cached shell would hide code changes.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI), { scope: './' }).catch(() => {
    // Without it the page works, only not offline (private windows, blocked by policy).
  });
}
