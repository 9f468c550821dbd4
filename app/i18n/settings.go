package i18n

// The settings panel.
var (
	SettingsTitle    = Message{"Settings", "設定"}
	SettingsLanguage = Message{"Language", "言語"}

	SettingsLock = Message{"Lock automatically when idle", "操作がないときに自動でロック"}
	// SettingsLockAfter: the argument is a duration.
	SettingsLockAfter = Message{"After %[1]s", "%[1]s後"}
	SettingsLockNever = Message{"Never (not recommended)", "しない（おすすめしません）"}
	SettingsSaved     = Message{"Saved.", "保存しました。"}

	SettingsClipboard     = Message{"Clear copied codes from the clipboard", "コピーしたコードをクリップボードから消去"}
	SettingsClipboardHint = Message{"Only while Twofold is in front, and never over something you copied since. Some browsers do not allow it.",
		"Twofold が前面にあるときだけ消去し、その後にコピーしたものは消しません。ブラウザによってはできません。"}
	SettingsClearNever = Message{"Never", "しない"}
	SettingsHidden     = Message{"Lock when the page is hidden", "ページが表示されていないときにロック"}
	SettingsHiddenOff  = Message{"Off", "オフ"}
	SettingsHiddenNow  = Message{"At once", "すぐに"}

	SettingsCodes      = Message{"Codes on screen", "画面上のコード"}
	SettingsCodesShown = Message{"Always shown", "常に表示"}
	SettingsCodesTap   = Message{"Hidden until tapped", "タップするまで隠す"}
	// SettingsCodesHint: the argument is how long a tapped code shows.
	SettingsCodesHint = Message{"For use in public: a tapped code shows for %[1]s, and is copied as usual.",
		"人前で使うときのためです。タップしたコードは %[1]s表示され、いつもどおりコピーされます。"}

	SettingsDensity     = Message{"List density", "一覧の表示"}
	SettingsComfortable = Message{"Comfortable", "ゆったり"}
	SettingsCompact     = Message{"Compact: more accounts on the screen", "コンパクト（より多くのアカウントを表示）"}

	SettingsPassword      = Message{"Password", "パスワード"}
	SettingsPasswordIntro = Message{"Changing it re-protects the vault's key; your accounts stay as they are.",
		"変更すると、保管庫の鍵が新しいパスワードで保護し直されます。アカウントはそのまま残ります。"}
	SettingsCurrentPassword = Message{"Current password", "現在のパスワード"}
	SettingsNewPassword     = Message{"New password", "新しいパスワード"}
	SettingsNewAgain        = Message{"New password again", "新しいパスワード（確認）"}
	SettingsTooShort        = Message{"The new password is too short: use at least 8 characters.",
		"新しいパスワードが短すぎます。8 文字以上にしてください。"}
	SettingsDiffer       = Message{"The two new passwords differ.", "2 つの新しいパスワードが一致しません。"}
	SettingsWrongCurrent = Message{"The current password is wrong; nothing was changed.",
		"現在のパスワードが違います。何も変更されていません。"}
	SettingsChanged = Message{"Password changed. Use the new one from now on.",
		"パスワードを変更しました。これからは新しいパスワードを使ってください。"}
	SettingsChange   = Message{"Change password", "パスワードを変更"}
	SettingsChanging = Message{"Changing…", "変更しています…"}

	SettingsKDF      = Message{"Protection against password guessing", "パスワードの推測への対策"}
	SettingsKDFIntro = Message{"Each unlock turns your password into the vault's key, slowly on purpose: whoever copies the vault must spend the same time on every password they guess.",
		"ロックを解除するたびに、パスワードから保管庫の鍵をわざと時間をかけて作ります。保管庫をコピーした人も、パスワードを推測するたびに同じ時間がかかります。"}
	SettingsKDFLabel    = Message{"Cost of each unlock and each guess", "ロック解除と推測 1 回あたりの負荷"}
	SettingsKDFStandard = Message{"Standard", "標準"}
	SettingsKDFStronger = Message{"Stronger: about four times as slow, and more memory", "強化（約 4 倍の時間とより多くのメモリ）"}
	// SettingsKDFTook, SettingsKDFWould and SettingsKDFChanged: the
	// argument is a number of seconds with one decimal.
	SettingsKDFTook     = Message{"Unlocking took about %[1]s seconds on this device.", "この端末では、ロック解除に約 %[1]s 秒かかりました。"}
	SettingsKDFWould    = Message{"With this choice, about %[1]s seconds.", "この設定では約 %[1]s 秒の見込みです。"}
	SettingsKDFPassword = Message{"Your password, to confirm", "パスワード（確認のため）"}
	SettingsKDFApply    = Message{"Apply", "適用"}
	SettingsKDFApplying = Message{"Applying…", "適用しています…"}
	SettingsKDFChanged  = Message{"Changed. Unlocking now takes about %[1]s seconds on this device.",
		"変更しました。この端末では、ロック解除に約 %[1]s 秒かかるようになりました。"}

	SettingsBackups  = Message{"Backups and moving", "バックアップと移行"}
	SettingsNoBackup = Message{"No backup yet.", "まだバックアップがありません。"}
	// SettingsBackedUp and SettingsChangedSince: the argument is when the
	// last backup was made, a date and time.
	SettingsBackedUp     = Message{"Last backup: %[1]s. Nothing has changed since.", "前回のバックアップ：%[1]s。それ以降、変更はありません。"}
	SettingsChangedSince = Message{"Last backup: %[1]s. Your accounts have changed since.",
		"前回のバックアップ：%[1]s。その後、アカウントが変更されています。"}
	SettingsBackUp     = Message{"Back up now", "今すぐバックアップ"}
	SettingsImport     = Message{"Import from a file", "ファイルからインポート"}
	SettingsExportQR   = Message{"Export to another app (QR codes)", "QR コードでエクスポート"}
	SettingsExportText = Message{"Export as text file", "テキストファイルとしてエクスポート"}
	SettingsMove       = Message{"Move accounts between your devices or browsers with encrypted QR codes, no file and no network.",
		"暗号化された QR コードで、自分の端末やブラウザの間でアカウントを移行できます。ファイルもネットワークも使いません。"}
	SettingsSend    = Message{"Move to another device", "別の端末へ移行"}
	SettingsReceive = Message{"Move accounts from another device", "別の端末からアカウントを移行"}

	SettingsStorage    = Message{"Storage", "データの保存"}
	SettingsPersistent = Message{"Persistent: the browser will not delete the vault to free space.",
		"保持されます。空き容量を作るためにブラウザが保管庫を削除することはありません。"}
	SettingsNotPersistent = Message{"Not persistent: the browser may delete the vault when space runs low. A backup is your only safeguard.",
		"保持は保証されていません。空き容量が少なくなると、ブラウザが保管庫を削除することがあります。頼りになるのはバックアップだけです。"}
	SettingsPersistUnknown = Message{"Unknown: this browser does not say whether it keeps the vault. Keep a backup.",
		"不明です。このブラウザは保管庫を保持し続けるかどうかを知らせません。バックアップを取っておいてください。"}

	SettingsAbout = Message{"About", "このアプリについて"}
	// SettingsVersion: the argument is the version.
	SettingsVersion = Message{"Twofold %[1]s. Everything stays in this browser; nothing is sent anywhere.",
		"Twofold %[1]s。すべてのデータはこのブラウザの中にあり、どこにも送信されません。"}
	SettingsDone = Message{"Done", "完了"}
)
