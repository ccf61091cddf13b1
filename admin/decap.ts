/**
 * Decap CMS with only what this admin uses, instead of `decap-cms-app`
 * (which registers every backend, widget and locale): the core, the widgets
 * the field tables produce (string, text, number, boolean, select, list,
 * object, markdown; `hidden` is the core's own; relations, rounds, dates and
 * file ids are the admin's own widgets), and the backends the README
 * documents (decap-server's local proxy, Forgejo, Gitea, GitLab; and
 * git-gateway, the placeholder `astro dev` names beside the local backend).
 * GitHub is left out: its login needs an OAuth server and the internet
 * (src/cms/backendFromEnv.ts). The map widget
 * (OpenLayers), the code widget (CodeMirror and its language modes), the
 * image/file/datetime/relation/colour/uuid widgets and the other backends are
 * left out (`npm run bench:cms` reports the bundle's size; the session note has the figures before and after).
 */
import { DecapCmsCore as CMS } from 'decap-cms-core';
import { ForgejoBackend } from 'decap-cms-backend-forgejo';
import { GitGatewayBackend } from 'decap-cms-backend-git-gateway';
import { GitLabBackend } from 'decap-cms-backend-gitlab';
import { GiteaBackend } from 'decap-cms-backend-gitea';
import { ProxyBackend } from 'decap-cms-backend-proxy';
import DecapCmsWidgetBoolean from 'decap-cms-widget-boolean';
import DecapCmsWidgetList from 'decap-cms-widget-list';
import DecapCmsWidgetMarkdown from 'decap-cms-widget-markdown';
import DecapCmsWidgetNumber from 'decap-cms-widget-number';
import DecapCmsWidgetObject from 'decap-cms-widget-object';
import DecapCmsWidgetSelect from 'decap-cms-widget-select';
import DecapCmsWidgetString from 'decap-cms-widget-string';
import DecapCmsWidgetText from 'decap-cms-widget-text';

CMS.registerBackend('proxy', ProxyBackend);
CMS.registerBackend('git-gateway', GitGatewayBackend);
CMS.registerBackend('gitea', GiteaBackend);
CMS.registerBackend('forgejo', ForgejoBackend);
CMS.registerBackend('gitlab', GitLabBackend);
// The core registers an array of widgets at once; its type declarations only know one.
(CMS.registerWidget as unknown as (widgets: unknown[]) => void)([
  DecapCmsWidgetString.Widget(),
  DecapCmsWidgetText.Widget(),
  DecapCmsWidgetNumber.Widget(),
  DecapCmsWidgetBoolean.Widget(),
  DecapCmsWidgetSelect.Widget(),
  DecapCmsWidgetList.Widget(),
  DecapCmsWidgetObject.Widget(),
  DecapCmsWidgetMarkdown.Widget(),
]);

export default CMS;
