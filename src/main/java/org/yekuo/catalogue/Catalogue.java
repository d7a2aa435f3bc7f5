package org.yekuo.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yekuo.catalogue.internal.BusinessTypes;
import org.yekuo.catalogue.internal.Materials;
import org.yekuo.shared.DomainException;

/**
 * Reads the catalogue. New orders take {@link #current}; an order already running reads the version it
 * started with through {@link #version}, which stays readable for ever. Unknown codes and versions are
 * refused as not found, naming what was asked for.
 */
@Service
@Transactional(readOnly = true)
public class Catalogue {

    private final BusinessTypes types;
    private final Materials materials;
    private final Map<Key, BusinessTypeDefinition> versions = new ConcurrentHashMap<>();

    Catalogue(BusinessTypes types, Materials materials) {
        this.types = types;
        this.materials = materials;
    }

    /** All business types at their current version, in catalogue order. */
    public List<BusinessTypeSummary> types() {
        return types.summaries(Optional.empty());
    }

    /** The types an applicant may apply for online, in catalogue order. */
    public List<BusinessTypeSummary> onlineTypes() {
        return types().stream().filter(BusinessTypeSummary::onlineCapable).toList();
    }

    public List<BusinessTypeSummary> types(ProcessFamily family) {
        return types.summaries(Optional.of(family));
    }

    public BusinessTypeDefinition current(String typeCode) {
        return findCurrent(typeCode).orElseThrow(() -> unknownType(typeCode));
    }

    /** The type at its current version; empty for a code the catalogue does not know. */
    public Optional<BusinessTypeDefinition> findCurrent(String typeCode) {
        return types.currentVersion(typeCode).map(version -> version(typeCode, version));
    }

    /**
     * A version of a type. Versions never change once written (an edit writes the next one), so each is
     * read from the database once: every node an order reaches asks for its version's time limits.
     */
    public BusinessTypeDefinition version(String typeCode, int version) {
        Key key = new Key(typeCode, version);
        BusinessTypeDefinition cached = versions.get(key);
        if (cached != null) {
            return cached;
        }
        BusinessTypeDefinition read = types.find(typeCode, version).orElseThrow(() -> types.currentVersion(typeCode).isPresent()
                ? DomainException.notFound("catalogue.version.not-found", typeCode, String.valueOf(version))
                : unknownType(typeCode));
        // A version written by a transaction still open could yet be rolled back: keep it only once committed.
        afterCommit(() -> versions.putIfAbsent(key, read));
        return read;
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private record Key(String typeCode, int version) {
    }

    /** Who changed the type when and how, newest version first. */
    public List<Revision> history(String typeCode) {
        List<Revision> revisions = types.revisions(typeCode);
        if (revisions.isEmpty()) {
            throw unknownType(typeCode);
        }
        return revisions;
    }

    public List<Material> materials() {
        return materials.all();
    }

    public List<AbolishedMaterial> abolishedMaterials() {
        return materials.abolished();
    }

    /** The abolished material with this code, if it is one: such a material must never be demanded. */
    public Optional<AbolishedMaterial> abolishedMaterial(String materialCode) {
        return materials.findAbolished(materialCode);
    }

    private static DomainException unknownType(String typeCode) {
        return DomainException.notFound("catalogue.type.not-found", typeCode);
    }
}
