package i18n

// The backup panel.
var (
	BackupTitle = Message{"Back up your vault", "保管庫をバックアップ"}
	BackupIntro = Message{"A backup is an encrypted file with all your accounts. " +
		"Keep it off this device; it restores your accounts in any browser.",
		"バックアップは、すべてのアカウントを収めた暗号化ファイルです。" +
			"この端末以外の場所に保管してください。どのブラウザでもアカウントを復元できます。"}
	BackupEncryptWith = Message{"Encrypt it with", "暗号化に使うパスワード"}
	BackupWithVault   = Message{"my vault password", "保管庫のパスワード"}
	BackupWithOther   = Message{"another passphrase", "別のパスフレーズ"}
	BackupVaultPass   = Message{"Vault password", "保管庫のパスワード"}
	BackupPassphrase  = Message{"Passphrase", "パスフレーズ"}
	BackupAgain       = Message{"Passphrase again", "パスフレーズ（確認）"}
	BackupTooShort    = Message{"The passphrase is too short: use at least 8 characters.",
		"パスフレーズが短すぎます。8 文字以上にしてください。"}
	// BackupDiffer is also the command line's, when a new backup's
	// passphrase is typed twice.
	BackupDiffer       = Message{"The two passphrases differ.", "2 つのパスフレーズが一致しません。"}
	BackupTypePassword = Message{"Type your vault password.", "保管庫のパスワードを入力してください。"}
	BackupNoSave       = Message{"This browser cannot save files from here.", "このブラウザでは、ここからファイルを保存できません。"}
	BackupNotVaultPass = Message{"That is not your vault password. Type it again, or choose another passphrase.",
		"保管庫のパスワードが違います。もう一度入力するか、別のパスフレーズを選んでください。"}
	// BackupUnverified: the argument says why, in English from the core.
	BackupUnverified = Message{"The backup did not read back, so it was not offered: %[1]s.",
		"作成したバックアップを読み戻して確かめられなかったため、ダウンロードしませんでした（%[1]s）。"}
	// BackupSaved: the argument is the file's name.
	BackupSaved = Message{"Your backup %[1]s was downloaded. Keep it somewhere safe, away from this device: " +
		"with its passphrase it restores every account.",
		"バックアップ %[1]s をダウンロードしました。この端末とは別の安全な場所に保管してください。" +
			"パスフレーズがあれば、すべてのアカウントを復元できます。"}
	BackupDownload   = Message{"Download backup", "バックアップをダウンロード"}
	BackupEncrypting = Message{"Encrypting…", "暗号化しています…"}
	BackupCancel     = Message{"Cancel", "キャンセル"}
	BackupDone       = Message{"Done", "完了"}
)
