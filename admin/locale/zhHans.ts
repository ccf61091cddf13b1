/**
 * Decap CMS's interface strings in Simplified Chinese, complete: every key of
 * Decap's English locale (decap-cms-locales `src/en`), to be registered with
 * `CMS.registerLocale('zh_Hans', zhHans)` before `CMS.init()`.
 *
 * Why: Decap's own zh_Hans lacks about 47 strings (notes, multi-file pickers,
 * status tooltips…), which fall back to English, and some of its values break
 * this project's wording. Here: 条目 for an entry, 草稿 / 审核中 / 就绪 for
 * the workflow columns (审核, never 审查), 发布 / 保存, no English words and
 * full-width punctuation next to Chinese. tests/unit/adminLocale.test.ts
 * checks all of that against the English locale.
 */

interface Phrases {
  readonly [key: string]: string | Phrases;
}

export const zhHans = {
  auth: {
    login: '登录',
    loggingIn: '正在登录……',
    loginWithNetlifyIdentity: '使用 Netlify Identity 登录',
    loginWithAzure: '使用 Azure 登录',
    loginWithBitbucket: '使用 Bitbucket 登录',
    loginWithGitHub: '使用 GitHub 登录',
    loginWithGitLab: '使用 GitLab 登录',
    loginWithGitea: '使用 Gitea 登录',
    loginWithForgejo: '使用 Forgejo 登录',
    errors: {
      email: '请输入电子邮箱',
      password: '请输入密码',
      identitySettings:
        '无法读取身份认证设置。使用 Git Gateway 后端时，' +
        '请确认已启用 Netlify Identity 服务和 Git Gateway。',
    },
  },
  app: {
    header: {
      content: '内容',
      workflow: '工作流',
      media: '媒体',
      quickAdd: '快速新建',
    },
    app: {
      errorHeader: '加载后台配置时出错',
      configErrors: '配置错误',
      checkConfigYml: '请检查后台配置文件 config.yml 是否正确。',
      loadingConfig: '正在加载配置……',
      waitingBackend: '正在等待后台服务……',
    },
    notFoundPage: {
      header: '页面不存在',
    },
  },
  collection: {
    sidebar: {
      collections: '栏目',
      allCollections: '全部栏目',
      searchAll: '搜索全部',
      searchIn: '搜索范围',
    },
    collectionTop: {
      sortBy: '排序',
      viewAs: '显示方式',
      viewAsList: '列表显示',
      viewAsGrid: '网格显示',
      newButton: '＋ %{collectionLabel}',
      newButtonAriaLabel: '新建“%{collectionLabel}”条目',
      ascending: '升序',
      descending: '降序',
      searchResults: '“%{searchTerm}”的搜索结果',
      searchResultsInCollection: '在“%{collection}”中搜索“%{searchTerm}”的结果',
      filterBy: '筛选',
      groupBy: '分组',
    },
    entries: {
      loadingEntries: '正在加载条目……',
      cachingEntries: '正在缓存条目……',
      longerLoading: '这可能需要几分钟时间',
      noEntries: '暂无条目',
      unpublishedHeader: '未发布的条目',
    },
    groups: {
      other: '其他',
      negateLabel: '非%{label}',
    },
    defaultFields: {
      author: {
        label: '作者',
      },
      updatedOn: {
        label: '更新于',
      },
    },
  },
  editor: {
    editorControl: {
      field: {
        optional: '选填',
        widgetLabel: '“%{widgetLabel}”填写项',
      },
    },
    editorControlPane: {
      widget: {
        required: '“%{fieldLabel}”是必填项',
        regexPattern: '“%{fieldLabel}”的格式不符合要求：%{pattern}',
        processing: '“%{fieldLabel}”正在处理中',
        range: '“%{fieldLabel}”必须在 %{minValue} 和 %{maxValue} 之间',
        min: '“%{fieldLabel}”至少为 %{minValue}',
        max: '“%{fieldLabel}”不能大于 %{maxValue}',
        rangeCount: '“%{fieldLabel}”必须包含 %{minCount} 到 %{maxCount} 项',
        rangeCountExact: '“%{fieldLabel}”必须正好包含 %{count} 项',
        rangeMin: '“%{fieldLabel}”至少要有 %{minCount} 项',
        rangeMax: '“%{fieldLabel}”最多只能有 %{maxCount} 项',
        invalidPath: '“%{path}”不是有效的路径',
        pathExists: '路径“%{path}”已经存在',
      },
      i18n: {
        writingInLocale: '正在用%{locale}编写',
        copyFromLocale: '从其他语言填入',
        copyFromLocaleConfirm: '确定要用“%{locale}”的内容填入吗？\n现有内容将全部被覆盖。',
      },
    },
    editor: {
      onLeavePage: '确定要离开此页面吗？',
      onUpdatingWithUnsavedChanges: '有尚未保存的修改，请先保存，再更改状态。',
      onPublishingNotReady: '请先把状态改为“就绪”，再发布。',
      onPublishingWithUnsavedChanges: '有尚未保存的修改，请先保存，再发布。',
      onPublishing: '确定要发布此条目吗？',
      onUnpublishing: '确定要撤销发布此条目吗？',
      onDeleteWithUnsavedChanges: '确定要删除这个已发布的条目，以及本次尚未保存的修改吗？',
      onDeletePublishedEntry: '确定要删除这个已发布的条目吗？',
      onDeleteUnpublishedChangesWithUnsavedChanges:
        '此条目所有未发布的修改，以及本次尚未保存的修改，都将被删除。确定要删除吗？',
      onDeleteUnpublishedChanges: '此条目所有未发布的修改都将被删除。确定要删除吗？',
      loadingEntry: '正在加载条目……',
      confirmLoadBackup: '找到了此条目在本机上的备份，要使用这份备份吗？',
    },
    editorInterface: {
      toggleI18n: '显示/隐藏多语言',
      togglePreview: '显示/隐藏预览',
      toggleScrollSync: '同步滚动',
      toggleNotes: '显示/隐藏备注',
    },
    editorNotesPane: {
      title: '备注',
      emptyState: '还没有备注。在下方添加第一条备注，方便大家协作。',
      addNote: '添加备注',
      addPlaceholder: '添加一条备注……',
      editPlaceholder: '修改备注……',
      save: '保存',
      cancel: '取消',
      edit: '修改',
      delete: '删除',
      resolve: '标为已解决',
      unresolve: '重新打开',
      confirmDelete: '确定要删除这条备注吗？',
      shortcut: '提示：按 Ctrl + 回车键可快速添加备注',
    },
    editorToolbar: {
      publishing: '正在发布……',
      publish: '发布',
      published: '已发布',
      unpublish: '撤销发布',
      duplicate: '复制',
      unpublishing: '正在撤销发布……',
      publishAndCreateNew: '发布，然后新建条目',
      publishAndDuplicate: '发布，然后复制此条目',
      deleteUnpublishedChanges: '删除未发布的修改',
      deleteUnpublishedEntry: '删除未发布的条目',
      deletePublishedEntry: '删除已发布的条目',
      deleteEntry: '删除条目',
      saving: '正在保存……',
      save: '保存',
      statusInfoTooltipDraft: '条目状态为草稿。写好后要提交审核，请把状态改为“审核中”。',
      statusInfoTooltipInReview: '条目正在审核中，无需其他操作；审核期间仍可继续修改。',
      deleting: '正在删除……',
      updating: '正在更新……',
      status: '状态：%{status}',
      backCollection: '正在“%{collectionLabel}”栏目中编写',
      unsavedChanges: '有未保存的修改',
      changesSaved: '修改已保存',
      draft: '草稿',
      inReview: '审核中',
      ready: '就绪',
      publishNow: '立即发布',
      deployPreviewPendingButtonLabel: '检查预览',
      deployPreviewButtonLabel: '查看预览',
      deployButtonLabel: '在网站上查看',
    },
    editorWidgets: {
      markdown: {
        bold: '粗体',
        italic: '斜体',
        strikethrough: '删除线',
        code: '代码',
        link: '链接',
        linkPrompt: '请输入链接的网址',
        headings: '标题',
        quote: '引用',
        bulletedList: '无序列表',
        numberedList: '有序列表',
        addComponent: '添加组件',
        richText: '富文本',
        markdown: '源码',
        toggleMode: {
          rich: '切换到富文本模式',
          markdown: '切换到源码模式',
        },
      },
      image: {
        choose: '选择图片',
        chooseMultiple: '选择多张图片',
        chooseUrl: '从网址插入',
        replaceUrl: '换成网址',
        promptUrl: '请输入图片的网址',
        chooseDifferent: '选择其他图片',
        addMore: '添加更多图片',
        remove: '移除图片',
        removeAll: '移除全部图片',
      },
      file: {
        choose: '选择文件',
        chooseUrl: '从网址插入',
        chooseMultiple: '选择多个文件',
        replaceUrl: '换成网址',
        promptUrl: '请输入文件的网址',
        chooseDifferent: '选择其他文件',
        addMore: '添加更多文件',
        remove: '移除文件',
        removeAll: '移除全部文件',
      },
      unknownControl: {
        noControl: '“%{widget}”类型没有对应的输入控件',
      },
      unknownPreview: {
        noPreview: '“%{widget}”类型无法预览',
      },
      headingOptions: {
        headingOne: '标题 1',
        headingTwo: '标题 2',
        headingThree: '标题 3',
        headingFour: '标题 4',
        headingFive: '标题 5',
        headingSix: '标题 6',
      },
      datetime: {
        now: '现在',
        clear: '清除',
        setToNow: '把“%{fieldLabel}”设为当前时间',
      },
      list: {
        add: '新增%{item}',
        addType: '新增%{item}',
      },
      object: {
        expand: '展开',
        collapse: '收起',
      },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: {
      draft: '草稿',
      copy: '复制',
      copyUrl: '复制网址',
      copyPath: '复制路径',
      copyName: '复制名称',
      copied: '已复制',
    },
    mediaLibrary: {
      onDelete: '确定要删除选中的媒体文件吗？',
      fileTooLarge: '文件太大。\n按目前的设置，文件不能超过 %{size} kB。',
    },
    mediaLibraryModal: {
      loading: '正在加载……',
      close: '关闭',
      noResults: '没有结果',
      noAssetsFound: '未找到文件',
      noImagesFound: '未找到图片',
      private: '私有',
      images: '图片',
      mediaAssets: '媒体文件',
      search: '搜索……',
      uploading: '正在上传……',
      upload: '上传',
      download: '下载',
      deleting: '正在删除……',
      deleteSelected: '删除选中项',
      chooseSelected: '使用选中项',
    },
  },
  ui: {
    default: {
      goBackToSite: '返回网站',
    },
    errorBoundary: {
      title: '错误',
      details: '程序出错了，请',
      reportIt: '到 GitHub 上提交问题报告。',
      detailsHeading: '详情',
      privacyWarning:
        '提交问题报告时，会自动填入错误信息和调试数据。\n请核对这些信息，并删除其中的敏感数据。',
      recoveredEntry: {
        heading: '已恢复的文档',
        warning: '离开此页面之前，请先把它复制并粘贴到别处保存！',
        copyButtonLabel: '复制到剪贴板',
      },
    },
    settingsDropdown: {
      logOut: '退出登录',
      account: '账户菜单',
    },
    toast: {
      onFailToLoadEntries: '加载条目失败：%{details}',
      onFailToLoadDeployPreview: '加载预览失败：%{details}',
      onFailToPersist: '保存条目失败：%{details}',
      onFailToDelete: '删除条目失败：%{details}',
      onFailToUpdateStatus: '更改状态失败：%{details}',
      missingRequiredField: '还有必填项没有填写，请填好后再保存。',
      entrySaved: '条目已保存',
      entryPublished: '条目已发布',
      entryUnpublished: '条目已撤销发布',
      onFailToPublishEntry: '发布失败：%{details}',
      onFailToUnpublishEntry: '撤销发布失败：%{details}',
      entryUpdated: '条目状态已更改',
      onDeleteUnpublishedChanges: '未发布的修改已删除',
      noteAdded: '备注已添加',
      onFailToAddNote: '添加备注失败：%{details}',
      noteUpdated: '备注已修改',
      onFailToUpdateNote: '修改备注失败：%{details}',
      noteDeleted: '备注已删除',
      onFailToDeleteNote: '删除备注失败：%{details}',
      noteResolved: '备注已标为已解决',
      noteReopened: '备注已重新打开',
      onFailToToggleNote: '更改备注状态失败：%{details}',
      onFailToAuth: '%{details}',
      onLoggedOut: '你已退出登录。请先备份尚未保存的内容，再重新登录。',
      onBackendDown: '后台服务暂时中断，详情请见：%{details}',
    },
  },
  workflow: {
    workflow: {
      loading: '正在加载工作流中的条目……',
      workflowHeading: '编辑工作流',
      newPost: '新建条目',
      // Polyglot picks a form by count; both forms read the same in Chinese.
      description:
        '%{smart_count} 个条目待审核，%{readyCount} 个已就绪、可以发布。 |||| ' +
        '%{smart_count} 个条目待审核，%{readyCount} 个已就绪、可以发布。',
      // dayjs without a Chinese locale: 'MMMM' would print an English month name.
      dateFormat: 'YYYY-MM-DD',
    },
    workflowCard: {
      lastChange: '%{date} 由 %{author} 修改',
      lastChangeNoAuthor: '%{date}',
      lastChangeNoDate: '由 %{author} 修改',
      deleteChanges: '删除修改',
      deleteNewEntry: '删除新条目',
      publishChanges: '发布修改',
      publishNewEntry: '发布新条目',
    },
    workflowList: {
      onDeleteEntry: '确定要删除此条目吗？',
      onPublishingNotReadyEntry:
        '只有状态为“就绪”的条目才能发布。请先把卡片拖到“就绪”一列，再发布。',
      onPublishEntry: '确定要发布此条目吗？',
      draftHeader: '草稿',
      inReviewHeader: '审核中',
      readyHeader: '就绪',
      currentEntries: '%{smart_count} 个条目 |||| %{smart_count} 个条目',
    },
  },
} satisfies Phrases;
