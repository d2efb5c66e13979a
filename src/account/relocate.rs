//! Moving the data folder to another place ("move data"): copy every file, verify each copy by
//! its SHA-256, then leave a pointer (`moved-to.txt`) in the old folder and delete the old
//! files. Nothing is deleted before every copy is verified; a failed or cancelled move removes
//! what it copied and leaves the old folder as it was.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use sha2::{Digest as _, Sha256};

use crate::i18n::{Key, Message};

/// The pointer file a moved data folder keeps, naming the new folder.
pub const POINTER_FILE: &str = "moved-to.txt";

/// Reason a move stopped; the old folder is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum MoveError {
    /// The target is inside the current folder, or contains files already.
    #[error("the target folder is not usable")]
    Target,
    /// Reading, copying or deleting a file failed.
    #[error("cannot copy {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A copy differs from its original.
    #[error("the copy of {0} differs from the original")]
    Mismatch(PathBuf),
    /// The user cancelled the move.
    #[error("the move was cancelled")]
    Cancelled,
}

impl MoveError {
    /// Describes the problem and the fix for the user.
    pub fn message(&self) -> Message {
        match self {
            Self::Target => Message::new(Key::MoveTargetUnusable),
            Self::Io { path, source } => Message::new(Key::MoveIo).arg("path", path.display()).io_arg("detail", source),
            Self::Mismatch(path) => Message::new(Key::MoveMismatch).arg("path", path.display()),
            Self::Cancelled => Message::new(Key::MoveCancelled),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> MoveError + '_ {
    move |source| MoveError::Io { path: path.to_path_buf(), source }
}

/// Checks the target: not the folder itself nor inside it, and empty or not there yet.
pub fn check_target(root: &Path, target: &Path) -> Result<(), MoveError> {
    if !target.is_absolute() || target.starts_with(root) || root.starts_with(target) {
        return Err(MoveError::Target);
    }
    match std::fs::read_dir(target) {
        Ok(mut entries) => entries.next().map_or(Ok(()), |_| Err(MoveError::Target)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(target)(e)),
    }
}

/// Lists the files to copy, relative to `root`, leaving out `skip` (the open cache, which the
/// caller copies as a snapshot, with its WAL and shared-memory files) and the pointer file.
pub fn files_to_copy(root: &Path, skip: &[PathBuf]) -> Result<Vec<PathBuf>, MoveError> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).map_err(io(&folder))? {
            let path = entry.map_err(io(&folder))?.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            if relative.as_os_str() != POINTER_FILE && !skip.contains(&path) {
                files.push(relative);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn digest(path: &Path) -> Result<[u8; 32], MoveError> {
    let mut file = std::fs::File::open(path).map_err(io(path))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(io(path))?;
    Ok(hasher.finalize().into())
}

/// Copies each file and verifies the copy, calling `progress` with the count done. Stops at
/// the first failure or when `cancel` is set, after removing every copy made.
pub fn copy_and_verify(
    root: &Path,
    target: &Path,
    files: &[PathBuf],
    cancel: &AtomicBool,
    mut progress: impl FnMut(usize),
) -> Result<(), MoveError> {
    let mut copied: Vec<PathBuf> = Vec::new();
    let result = (|| {
        for (done, relative) in files.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return Err(MoveError::Cancelled);
            }
            let (from, to) = (root.join(relative), target.join(relative));
            if let Some(folder) = to.parent() {
                std::fs::create_dir_all(folder).map_err(io(folder))?;
            }
            std::fs::copy(&from, &to).map_err(io(&from))?;
            copied.push(to.clone());
            if digest(&from)? != digest(&to)? {
                return Err(MoveError::Mismatch(relative.clone()));
            }
            progress(done + 1);
        }
        Ok(())
    })();
    if result.is_err() {
        for path in &copied {
            let _ = std::fs::remove_file(path);
        }
    }
    result
}

/// Leaves the pointer in the old folder and deletes the old files that were copied. Deleting
/// is best effort: a file that cannot go stays, and its path is returned.
pub fn finish(root: &Path, target: &Path, files: &[PathBuf]) -> Result<Vec<PathBuf>, MoveError> {
    let pointer = root.join(POINTER_FILE);
    std::fs::write(&pointer, target.to_string_lossy().as_bytes()).map_err(io(&pointer))?;
    let mut left = Vec::new();
    for relative in files {
        let path = root.join(relative);
        if std::fs::remove_file(&path).is_err() {
            left.push(path);
        }
    }
    Ok(left)
}

/// Follows the pointer of a moved folder, once; a pointer to a folder that is gone is ignored.
pub fn follow(root: PathBuf) -> PathBuf {
    let moved = std::fs::read_to_string(root.join(POINTER_FILE)).ok().map(|text| PathBuf::from(text.trim()));
    moved.filter(|target| target.is_dir()).unwrap_or(root)
}
