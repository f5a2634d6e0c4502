/**
 * What the rest of the app may use of the loop: the sections other editors show, an
 * observation's or pain's answer ("you said, we did") and a person's check-ins.
 */
export { default as AnswerSection } from './answers/AnswerSection.svelte';
export { default as CheckinsSection } from './checkins/CheckinsSection.svelte';
