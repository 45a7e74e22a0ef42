//! A file written, and hashed (SHA-256), by a second thread: serialising and the hashing and
//! kernel copying of a large batch then run side by side on two cores. Memory stays bounded
//! (a few chunks in flight).

use std::fs::File;
use std::io::Write;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

const CHUNK: usize = 1 << 20;
/// Chunks waiting for the writer at most.
const IN_FLIGHT: usize = 4;

pub struct PipedFile {
    buffer: Vec<u8>,
    sender: Option<SyncSender<Vec<u8>>>,
    /// Empty buffers coming back, so chunks are reused rather than allocated.
    spare: Receiver<Vec<u8>>,
    writer: Option<JoinHandle<std::io::Result<(File, String)>>>,
}

impl PipedFile {
    pub fn new(mut file: File) -> PipedFile {
        let (sender, chunks) = sync_channel::<Vec<u8>>(IN_FLIGHT);
        let (give_back, spare) = sync_channel::<Vec<u8>>(IN_FLIGHT + 2);
        let writer = std::thread::spawn(move || -> std::io::Result<(File, String)> {
            use sha2::Digest;
            let mut hasher = sha2::Sha256::new();
            for mut chunk in chunks {
                hasher.update(&chunk);
                file.write_all(&chunk)?;
                chunk.clear();
                let _ = give_back.try_send(chunk);
            }
            Ok((file, super::writer::hex(&hasher.finalize())))
        });
        PipedFile {
            buffer: Vec::with_capacity(CHUNK),
            sender: Some(sender),
            spare,
            writer: Some(writer),
        }
    }

    fn send(&mut self) -> std::io::Result<()> {
        let next = self
            .spare
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(CHUNK));
        let full = std::mem::replace(&mut self.buffer, next);
        let sent = self.sender.as_ref().map(|s| s.send(full));
        match sent {
            Some(Ok(())) => Ok(()),
            // The writer stopped: its error comes out of `finish`.
            _ => Err(std::io::Error::other("the file writer stopped")),
        }
    }

    /// Writes what is left and hands the file back once every byte reached it, with the
    /// SHA-256 (hex) of everything written.
    pub fn finish(mut self) -> std::io::Result<(File, String)> {
        if !self.buffer.is_empty() {
            let _ = self.send();
        }
        drop(self.sender.take());
        self.writer
            .take()
            .expect("finished once")
            .join()
            .map_err(|_| std::io::Error::other("the file writer panicked"))?
    }
}

impl Write for PipedFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for PipedFile {
    fn drop(&mut self) {
        drop(self.sender.take());
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_arrives_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let mut piped = PipedFile::new(File::create(&path).unwrap());
        let mut expected = Vec::new();
        for i in 0..300_000u32 {
            let line = format!("{i}\n");
            piped.write_all(line.as_bytes()).unwrap();
            expected.extend_from_slice(line.as_bytes());
        }
        let (_, sha) = piped.finish().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), expected);
        assert_eq!(sha, crate::export::writer::file_sha256(&path).unwrap());
    }
}
