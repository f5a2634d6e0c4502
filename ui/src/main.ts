import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import icon from '../../icons/32x32.png';

const link = document.createElement('link');
link.rel = 'icon';
link.href = icon;
document.head.append(link);

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(App, { target });
