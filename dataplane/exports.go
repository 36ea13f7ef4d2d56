package dataplane

import (
	"context"
	"net/http"
)

// Backup exports (TagoIO's data export and import docs): a device's records as a CSV file
// in the account's Files. File addresses may hold placeholders the API fills in:
// $DEVICE$ and $TIMESTAMP$, and for a chunk $CHUNK$, $FROM$ and $TO$.

// DataBackup asks for a mutable device's records as a CSV file.
type DataBackup struct {
	FileAddress string // e.g. "/backups/$DEVICE$/$TIMESTAMP$"
	Headers     *bool  // a header row; nil leaves the API's default
}

// ChunkBackup asks for one chunk of an immutable device as a CSV file.
type ChunkBackup struct {
	ChunkID     string // from Chunks
	FileAddress string // e.g. "/device/$DEVICE$/$FROM$_$TO$"
	Headers     *bool
}

// BackupFile is where the API writes (or has queued writing) the file.
type BackupFile struct {
	FileAddress string `json:"file_address"` // the path in Files, placeholders filled in
	ChunkID     string `json:"chunk_id,omitempty"`
}

type backupBody struct {
	ChunkID     string `json:"chunk_id,omitempty"`
	FileAddress string `json:"file_address"`
	Headers     *bool  `json:"headers,omitempty"`
}

// Backup exports the device's records to Files (POST /device/{id}/data/backup). Immutable
// devices are exported chunk by chunk with BackupChunk.
func (d *DeviceData) Backup(ctx context.Context, in DataBackup) (*BackupFile, error) {
	if in.FileAddress == "" {
		return nil, &ArgumentError{Field: "FileAddress", Reason: "is required"}
	}
	var out BackupFile
	err := call(ctx, d.c, http.MethodPost, d.devicePath()+"/data/backup", nil,
		backupBody{FileAddress: in.FileAddress, Headers: in.Headers}, &out)
	return &out, err
}

// BackupChunk exports one chunk to Files (POST /device/{id}/chunk/backup).
func (d *DeviceData) BackupChunk(ctx context.Context, in ChunkBackup) (*BackupFile, error) {
	if in.ChunkID == "" || in.FileAddress == "" {
		return nil, &ArgumentError{Field: "ChunkID and FileAddress", Reason: "are required"}
	}
	var out BackupFile
	err := call(ctx, d.c, http.MethodPost, d.devicePath()+"/chunk/backup", nil,
		backupBody(in), &out)
	return &out, err
}

// Restore imports the records of a CSV file in Files into the device (POST
// /device/{id}/data/restore). The API queues the import and answers at once.
func (d *DeviceData) Restore(ctx context.Context, fileAddress string) error {
	if fileAddress == "" {
		return &ArgumentError{Field: "fileAddress", Reason: "is required"}
	}
	return call(ctx, d.c, http.MethodPost, d.devicePath()+"/data/restore", nil,
		map[string]string{"file_address": fileAddress}, nil)
}
