/** How to add the custom page in Guide (the README's steps, with this deployment's URL). */
import type { JSX } from 'react';

export function GuideSteps({ origin }: { origin: string | undefined }): JSX.Element {
  const app = origin ? <code>{origin}</code> : 'this deployment’s URL';
  return (
    <ol>
      <li>
        In <strong>Guide admin → Customize design</strong>, open your theme’s{' '}
        <strong>Customize → Edit code</strong>. You need a theme you can edit: duplicate Copenhagen
        if you are on it.
      </li>
      <li>
        Under <strong>templates</strong>, click <strong>Add new → Custom page</strong> and name it,
        e.g. <code>todo-list</code>.
      </li>
      <li>
        Paste one of the two snippets below as the whole template, then save. Nothing else needs
        editing: {origin ? <code>{origin}</code> : 'your deployment’s URL'} is already in it.
      </li>
      <li>
        <strong>Publish</strong> the theme. The page is at{' '}
        <code>https://&lt;your help center&gt;/hc/&lt;locale&gt;/p/todo-list</code>. The list needs
        a signed-in user: anonymous visitors see a sign-in message, and no token is requested. Link
        to the page where signed-in users will find it.
      </li>
      <li>
        If your help center sends a <code>Content-Security-Policy</code>, script mode needs {app} in{' '}
        <code>script-src</code> and <code>connect-src</code>; iframe mode needs it in{' '}
        <code>frame-src</code>, and in <code>form-action</code> for its faster first list (without
        it the widget still opens).
      </li>
      <li>
        Help center on a host-mapped domain (e.g. <code>help.example.com</code>)? Add its origin to{' '}
        <code>ALLOWED_ORIGINS</code> and redeploy.
      </li>
    </ol>
  );
}
